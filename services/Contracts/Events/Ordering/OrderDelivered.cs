namespace SpaceOfSport.Contracts.Events.Ordering;

/// <summary>A delivery partner handed over an order's parcel (or a return's exchange parcel); the 30-day return window starts.</summary>
[IntegrationEvent("ordering", "order-delivered")]
public sealed record OrderDelivered : IntegrationEvent
{
    public required Guid OrderId { get; init; }

    public required string OrderNumber { get; init; }

    public Guid? UserId { get; init; }

    public required Guid ShipmentId { get; init; }

    public Guid? ReturnId { get; init; }

    public required DateTimeOffset DeliveredAt { get; init; }
}
