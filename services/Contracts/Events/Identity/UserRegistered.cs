namespace SpaceOfSport.Contracts.Events.Identity;

/// <summary>A customer account was created (e.g. for a welcome email or marketing consent).</summary>
[IntegrationEvent("identity", "user-registered")]
public sealed record UserRegistered : IntegrationEvent
{
    public required Guid UserId { get; init; }

    public required string Email { get; init; }

    public string? Name { get; init; }
}
