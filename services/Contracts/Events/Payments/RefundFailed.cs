namespace SpaceOfSport.Contracts.Events.Payments;

/// <summary>A refund of the order's payment failed (possibly after first succeeding); the money stayed with the shop.</summary>
[IntegrationEvent("payments", "refund-failed")]
public sealed record RefundFailed : IntegrationEvent
{
    public Guid OrderId { get; init; }

    public Guid PaymentId { get; init; }

    public Guid RefundId { get; init; }

    public required string StripeRefundId { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    /// <summary>Stripe's failure reason, e.g. <c>expired_or_canceled_card</c>.</summary>
    public string? FailureReason { get; init; }
}
