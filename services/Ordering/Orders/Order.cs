namespace SpaceOfSport.Ordering.Orders;

/// <summary>
/// An order: what was bought at which price (re-priced from the catalog when it was placed), where it goes, and where
/// it is in its lifecycle. Money in minor units of <see cref="Currency"/>. A guest order has no <see cref="UserId"/>
/// until the account with its <see cref="Email"/> claims it.
/// </summary>
public sealed class Order
{
    public Guid Id { get; init; }

    /// <summary>The number people see and quote, e.g. <c>SOS-2026-000123</c>.</summary>
    public required string Number { get; init; }

    public Guid? UserId { get; set; }

    /// <summary>Where confirmations go: the account's email, or the one the guest gave.</summary>
    public required string Email { get; set; }

    public bool PlacedAsGuest { get; init; }

    public OrderStatus Status { get; set; }

    /// <summary>Why it was cancelled (e.g. <c>out-of-stock</c>, <c>payment-failed</c>, <c>payment-timeout</c>, <c>customer-cancelled</c>).</summary>
    public string? CancellationReason { get; set; }

    /// <summary>The SKUs that were short when the order was cancelled for stock.</summary>
    public List<string> ShortSkus { get; set; } = [];

    public required string Currency { get; init; }

    public long SubtotalMinor { get; init; }

    public long DiscountMinor { get; init; }

    public long ShippingMinor { get; init; }

    public long TaxMinor { get; init; }

    public long TotalMinor { get; init; }

    /// <summary>Whether line prices include the tax (EU and UK VAT) or the tax is added (US sales tax).</summary>
    public bool PricesIncludeTax { get; init; }

    public string? PromotionCode { get; init; }

    public required string ShippingMethod { get; init; }

    public required string Country { get; init; }

    public string? Region { get; init; }

    public string? PostalCode { get; init; }

    /// <summary>The cart the order came from (its id in the cart service), so the cart can be emptied once paid.</summary>
    public Guid? CartId { get; init; }

    /// <summary>Hash of the idempotency record that created it (the same key and body always find this order).</summary>
    public required string RequestFingerprint { get; init; }

    public string? PaymentIntentId { get; set; }

    /// <summary>For the customer's browser only (Stripe.js confirms with it).</summary>
    public string? PaymentClientSecret { get; set; }

    /// <summary>The sandbox's hosted payment page (sandbox mode only).</summary>
    public string? PaymentPageUrl { get; set; }

    /// <summary>Whether the money came back (cancelled after payment, or stock lost after payment).</summary>
    public bool Refunded { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Bumped by every change; the concurrency token, and the sequence of the status events.</summary>
    public long Version { get; set; }

    public List<OrderLine> Lines { get; init; } = [];

    public List<OrderStatusEntry> Timeline { get; init; } = [];
}

/// <summary>One SKU of an order at the price charged; <see cref="CartUnitPriceMinor"/> is what the cart showed.</summary>
public sealed class OrderLine
{
    public Guid OrderId { get; init; }

    public int LineNumber { get; init; }

    public required string Sku { get; init; }

    public required string ProductName { get; init; }

    public string? Size { get; init; }

    public string? Colour { get; init; }

    public int Quantity { get; init; }

    public long UnitPriceMinor { get; init; }

    public long CartUnitPriceMinor { get; init; }

    public long DiscountMinor { get; init; }

    public long TaxMinor { get; init; }

    /// <summary>Unit price × quantity, before the discount.</summary>
    public long LineTotalMinor { get; init; }

    public required string TaxCategory { get; init; }
}

/// <summary>One step of the status timeline.</summary>
public sealed class OrderStatusEntry
{
    public Guid OrderId { get; init; }

    public long Sequence { get; init; }

    public OrderStatus Status { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}
