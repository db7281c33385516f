namespace SpaceOfSport.Ordering.Delivery;

/// <summary>
/// A parcel a delivery partner carries: the order itself, or (with <see cref="ReturnId"/>) a return's exchange items.
/// Created by the partner's shipped event, completed by its delivered event.
/// </summary>
public sealed class Shipment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrderId { get; init; }

    public Guid? ReturnId { get; init; }

    public required string Carrier { get; init; }

    public required string TrackingNumber { get; init; }

    public string? TrackingUrl { get; init; }

    public DateTimeOffset ShippedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
