namespace SpaceOfSport.Contracts.Events.Ordering;

/// <summary>A received exchange's replacement units left the warehouse (tracking follows in <see cref="OrderShipped"/>).</summary>
[IntegrationEvent("ordering", "exchange-dispatched")]
public sealed record ExchangeDispatched : IntegrationEvent
{
    public required Guid ReturnId { get; init; }

    public required Guid OrderId { get; init; }

    public Guid? UserId { get; init; }

    public required IReadOnlyList<ReturnedLine> Lines { get; init; }
}
