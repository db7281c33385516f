namespace SpaceOfSport.Ordering.Returns;

/// <summary>
/// A customer's return of lines of a delivered order: requested → approved or rejected → received → refunded (lines sent
/// back for money) or exchanged (lines sent back for another size, shipped out once the return is received).
/// Money in minor units of <see cref="Currency"/>; <see cref="Version"/> is the concurrency token.
/// </summary>
public sealed class OrderReturn
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrderId { get; init; }

    public Guid? UserId { get; init; }

    public ReturnStatus Status { get; set; }

    public required string Currency { get; init; }

    /// <summary>What the returned (not exchanged) units paid, refunded on receipt.</summary>
    public long ItemsRefundMinor { get; init; }

    /// <summary>The order's shipping, refunded too when the shipping refund policy says so (README).</summary>
    public long ShippingRefundMinor { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The staff member (their user id) who approved or rejected it.</summary>
    public string? DecidedBy { get; set; }

    public string? RejectionReason { get; set; }

    public DateTimeOffset? ReceivedAt { get; set; }

    /// <summary>Set once the returned units went back into stock (a retried receipt does not restock twice).</summary>
    public bool Restocked { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Payments' refund of this return, once made.</summary>
    public Guid? RefundId { get; set; }

    public long Version { get; set; }

    public List<OrderReturnLine> Lines { get; init; } = [];

    public bool HasExchange => Lines.Any(l => l.ExchangeSku is not null);

    public long RefundMinor => ItemsRefundMinor + ShippingRefundMinor;
}

/// <summary>Units of one order line sent back, why, and for an exchange the SKU (same product, another size) sent instead.</summary>
public sealed class OrderReturnLine
{
    public Guid ReturnId { get; init; }

    public int LineNumber { get; init; }

    public required string Sku { get; init; }

    public int Quantity { get; init; }

    public required string Reason { get; init; }

    public string? ExchangeSku { get; init; }

    /// <summary>What these units paid (0 for an exchange).</summary>
    public long RefundMinor { get; init; }
}

public enum ReturnStatus
{
    Requested,
    Approved,
    Rejected,
    Received,
    Refunded,
    Exchanged,
}
