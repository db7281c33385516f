namespace SpaceOfSport.Payments.Refunds;

/// <summary>
/// A refund of an order's payment. <see cref="RequestKey"/> is the caller's <c>Idempotency-Key</c>: the same key is the
/// same refund. <see cref="Status"/> is Stripe's refund status (pending, succeeded, failed, canceled).
/// </summary>
public sealed class Refund
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid PaymentId { get; init; }

    public Guid OrderId { get; init; }

    public required string RequestKey { get; init; }

    public required string StripeRefundId { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    public string? Reason { get; init; }

    public required string Status { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public static class RefundStatuses
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    /// <summary>Money that left (or is leaving) the shop: counts against what may still be refunded.</summary>
    public static bool HoldsAmount(string status) => status is Pending or Succeeded or "requires_action";
}
