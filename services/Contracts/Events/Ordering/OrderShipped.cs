namespace SpaceOfSport.Contracts.Events.Ordering;

/// <summary>
/// A delivery partner picked up an order's parcel (or a return's exchange parcel): where to follow it. Notifications
/// tells the customer; the status change itself is also announced as <c>order-status-changed</c>.
/// </summary>
[IntegrationEvent("ordering", "order-shipped")]
public sealed record OrderShipped : IntegrationEvent
{
    public required Guid OrderId { get; init; }

    public required string OrderNumber { get; init; }

    public Guid? UserId { get; init; }

    public required Guid ShipmentId { get; init; }

    /// <summary>Set when the parcel carries a return's exchange items rather than the order itself.</summary>
    public Guid? ReturnId { get; init; }

    public required string Carrier { get; init; }

    public required string TrackingNumber { get; init; }

    public string? TrackingUrl { get; init; }
}
