namespace SpaceOfSport.Contracts.Events.Payments;

/// <summary>A refund of the order's payment succeeded.</summary>
[IntegrationEvent("payments", "refund-succeeded")]
public sealed record RefundSucceeded : IntegrationEvent
{
    public Guid OrderId { get; init; }

    public Guid PaymentId { get; init; }

    public Guid RefundId { get; init; }

    public required string StripeRefundId { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    /// <summary>Everything refunded on the payment so far, this refund included (pending refunds too).</summary>
    public long TotalRefunded { get; init; }
}
