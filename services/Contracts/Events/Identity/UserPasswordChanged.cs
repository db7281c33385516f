namespace SpaceOfSport.Contracts.Events.Identity;

/// <summary>A user's password changed; every refresh token of theirs was revoked (e.g. for a security notice email).</summary>
[IntegrationEvent("identity", "user-password-changed")]
public sealed record UserPasswordChanged : IntegrationEvent
{
    public required Guid UserId { get; init; }
}
