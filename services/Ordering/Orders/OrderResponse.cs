namespace SpaceOfSport.Ordering.Orders;

/// <summary>
/// An order as its customer sees it. <see cref="Payment"/> is what the browser needs to pay (while awaiting payment);
/// <see cref="PriceChanges"/> names every unit price that differs from what the cart showed (the order uses the new one).
/// </summary>
public sealed record OrderResponse(
    Guid Id,
    string Number,
    OrderStatus Status,
    string? CancellationReason,
    IReadOnlyList<string> ShortSkus,
    string Email,
    bool Guest,
    string Currency,
    OrderTotals Totals,
    IReadOnlyList<OrderLineResponse> Lines,
    IReadOnlyList<PriceChangeNote> PriceChanges,
    string? PromotionCode,
    OrderShipping Shipping,
    OrderPayment? Payment,
    bool Refunded,
    IReadOnlyList<OrderTimelineEntry> Timeline,
    DateTimeOffset CreatedAt,
    long Version)
{
    public static OrderResponse From(Order order) => new(
        order.Id, order.Number, order.Status, order.CancellationReason, order.ShortSkus, order.Email, order.UserId is null, order.Currency,
        new OrderTotals(order.SubtotalMinor, order.DiscountMinor, order.ShippingMinor, order.TaxMinor, order.TotalMinor, order.PricesIncludeTax),
        [.. order.Lines.OrderBy(l => l.LineNumber).Select(l => new OrderLineResponse(l.Sku, l.ProductName, l.Size, l.Colour, l.Quantity, l.UnitPriceMinor,
            l.LineTotalMinor, l.DiscountMinor, l.TaxMinor))],
        [.. order.Lines.Where(l => l.UnitPriceMinor != l.CartUnitPriceMinor).OrderBy(l => l.LineNumber)
            .Select(l => new PriceChangeNote(l.Sku, l.CartUnitPriceMinor, l.UnitPriceMinor))],
        order.PromotionCode,
        new OrderShipping(order.ShippingMethod, order.Country, order.Region, order.PostalCode),
        order.Status == OrderStatus.AwaitingPayment && order.PaymentClientSecret is not null
            ? new OrderPayment(order.PaymentIntentId!, order.PaymentClientSecret, order.PaymentPageUrl)
            : null,
        order.Refunded,
        [.. order.Timeline.OrderBy(t => t.Sequence).Select(t => new OrderTimelineEntry(t.Status, t.Reason, t.OccurredAt))],
        order.CreatedAt,
        order.Version);
}

public sealed record OrderTotals(long SubtotalMinor, long DiscountMinor, long ShippingMinor, long TaxMinor, long TotalMinor, bool TaxIncluded);

public sealed record OrderLineResponse(string Sku, string ProductName, string? Size, string? Colour, int Quantity, long UnitPriceMinor, long LineTotalMinor,
    long DiscountMinor, long TaxMinor);

/// <summary>A price that changed between the cart and the order: the order charges <see cref="UnitPriceMinor"/>.</summary>
public sealed record PriceChangeNote(string Sku, long CartUnitPriceMinor, long UnitPriceMinor);

public sealed record OrderShipping(string Method, string Country, string? Region, string? PostalCode);

/// <summary>What the customer's browser pays with: Stripe.js confirms with the client secret; sandbox mode has a hosted page.</summary>
public sealed record OrderPayment(string PaymentIntentId, string ClientSecret, string? PaymentPageUrl);

public sealed record OrderTimelineEntry(OrderStatus Status, string? Reason, DateTimeOffset OccurredAt);
