namespace SpaceOfSport.Contracts.Events.Ordering;

/// <summary>
/// An order's payment succeeded. Consumers that count what an order used (promotion redemptions) count it here, once
/// per event id.
/// </summary>
[IntegrationEvent("ordering", "order-paid")]
public sealed record OrderPaid : IntegrationEvent
{
    public required Guid OrderId { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>The promotion codes the order redeemed (upper case, as the cart applied them).</summary>
    public IReadOnlyList<string> PromotionCodes { get; init; } = [];

    public required long TotalMinor { get; init; }

    public required string Currency { get; init; }

    /// <summary>What was bought, at the price charged (analytics' sales figures and co-purchases); empty from older publishers.</summary>
    public IReadOnlyList<PaidLine> Lines { get; init; } = [];
}

/// <summary>One SKU of a paid order: units, and the line total before discount, in the order's currency.</summary>
public sealed record PaidLine(string Sku, int Quantity, long UnitPriceMinor, long LineTotalMinor);
