namespace SpaceOfSport.Contracts.Events.Identity;

/// <summary>
/// A user deleted their account and identity erased their personal data. Services holding personal data about the user
/// erase or anonymise it (ordering keeps orders, anonymised: see services/Identity/README.md, "Account deletion").
/// </summary>
[IntegrationEvent("identity", "user-deleted")]
public sealed record UserDeleted : IntegrationEvent
{
    public required Guid UserId { get; init; }
}
