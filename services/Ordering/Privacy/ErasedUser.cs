namespace SpaceOfSport.Ordering.Privacy;

/// <summary>A user identity erased (its user-deleted event): their orders are kept anonymised, including orders saved later.</summary>
public sealed class ErasedUser
{
    public Guid UserId { get; init; }

    public DateTimeOffset ErasedAt { get; init; }
}
