namespace SpaceOfSport.Contracts.Events.Identity;

/// <summary>A custom role was created, had its permissions or description replaced, or was deleted (audit).</summary>
[IntegrationEvent("identity", "role-permissions-changed")]
public sealed record RolePermissionsChanged : IntegrationEvent
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";

    public required string Role { get; init; }

    /// <summary><see cref="Created"/>, <see cref="Updated"/> or <see cref="Deleted"/>.</summary>
    public required string Change { get; init; }

    /// <summary>The permissions before the change, in ordinal order; empty for a created role.</summary>
    public required IReadOnlyList<string> PreviousPermissions { get; init; }

    /// <summary>The permissions after the change, in ordinal order; empty for a deleted role.</summary>
    public required IReadOnlyList<string> Permissions { get; init; }

    /// <summary>The admin who changed it; null when no user did.</summary>
    public Guid? ChangedBy { get; init; }
}
