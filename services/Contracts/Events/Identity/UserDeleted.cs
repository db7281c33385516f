namespace SpaceOfSport.Contracts.Events.Identity;

/// <summary>
/// A user deleted their account and identity erased their personal data. Services holding personal data about the user
/// erase or anonymise it (ordering keeps orders, anonymised: see services/Identity/README.md, "Account deletion").
/// </summary>
[IntegrationEvent("identity", "user-deleted")]
public sealed record UserDeleted : IntegrationEvent
{
    public required Guid UserId { get; init; }

    /// <summary>
    /// Where to send the one goodbye message (added compatibly: older events have none). The only copy of the address
    /// left after the erasure; consumers other than notifications ignore it and keep nothing of it.
    /// </summary>
    public string? Email { get; init; }

    public string? Name { get; init; }

    /// <summary>The language the goodbye is written in; null: the shop's default.</summary>
    public string? Locale { get; init; }
}
