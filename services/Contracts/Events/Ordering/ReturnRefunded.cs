namespace SpaceOfSport.Contracts.Events.Ordering;

/// <summary>The money for a received return went back to the customer's payment (a partial refund of the order).</summary>
[IntegrationEvent("ordering", "return-refunded")]
public sealed record ReturnRefunded : IntegrationEvent
{
    public required Guid ReturnId { get; init; }

    public required Guid OrderId { get; init; }

    public Guid? UserId { get; init; }

    /// <summary>Everything refunded for this return, shipping included.</summary>
    public required long AmountMinor { get; init; }

    /// <summary>The part of <see cref="AmountMinor"/> that is shipping (see services/Ordering/README.md, shipping refund policy).</summary>
    public required long ShippingMinor { get; init; }

    public required string Currency { get; init; }
}
