namespace SpaceOfSport.Contracts.Events.Identity;

/// <summary>A customer account was created (e.g. for a welcome email or marketing consent).</summary>
[IntegrationEvent("identity", "user-registered")]
public sealed record UserRegistered(Guid UserId, string Email, string? Name) : IntegrationEvent;
