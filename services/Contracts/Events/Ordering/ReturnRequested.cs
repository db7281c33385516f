namespace SpaceOfSport.Contracts.Events.Ordering;

/// <summary>A customer asked to return (or exchange) lines of a delivered order.</summary>
[IntegrationEvent("ordering", "return-requested")]
public sealed record ReturnRequested : IntegrationEvent
{
    public required Guid ReturnId { get; init; }

    public required Guid OrderId { get; init; }

    public Guid? UserId { get; init; }

    public required IReadOnlyList<ReturnedLine> Lines { get; init; }
}
