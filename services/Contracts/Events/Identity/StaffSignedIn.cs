namespace SpaceOfSport.Contracts.Events.Identity;

/// <summary>
/// A user holding at least one permission (staff, merchandiser, admin or a custom role) signed in with a password (audit).
/// Customers' sign-ins are not announced; token refreshes are not sign-ins.
/// </summary>
[IntegrationEvent("identity", "staff-signed-in")]
public sealed record StaffSignedIn : IntegrationEvent
{
    public required Guid UserId { get; init; }

    /// <summary>The roles the issued token carries, in ordinal order.</summary>
    public required IReadOnlyList<string> Roles { get; init; }
}
