namespace SpaceOfSport.Catalog.FlashSales;

/// <summary>
/// A time-boxed discount on products (all their variants) or single variants: either a fixed sale price or a percent
/// off. <see cref="State"/> records which transition events were already published, so the schedule is idempotent.
/// </summary>
public sealed class FlashSale
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public List<Guid> ProductIds { get; set; } = [];

    public List<Guid> VariantIds { get; set; } = [];

    public long? SalePriceMinor { get; set; }

    public int? PercentOff { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public int? PerCustomerLimit { get; set; }

    public FlashSaleState State { get; set; } = FlashSaleState.Scheduled;

    public int Version { get; set; } = 1;

    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    public bool Covers(Guid productId, Guid variantId) => ProductIds.Contains(productId) || VariantIds.Contains(variantId);

    /// <summary>The sale price of a variant priced <paramref name="priceMinor"/> (never above it, never below zero).</summary>
    public long Apply(long priceMinor)
    {
        var discounted = SalePriceMinor ?? priceMinor - (priceMinor * (PercentOff ?? 0) / 100);
        return Math.Clamp(discounted, 0, priceMinor);
    }
}
