namespace SpaceOfSport.Contracts.Events.Identity;

/// <summary>A user's roles were replaced (audit; services may drop cached permissions).</summary>
[IntegrationEvent("identity", "user-roles-changed")]
public sealed record UserRolesChanged : IntegrationEvent
{
    public required Guid UserId { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>The admin who changed them; null when no user did (start-up).</summary>
    public Guid? ChangedBy { get; init; }
}
