using SpaceOfSport.Analytics.Data;

namespace SpaceOfSport.Analytics.FlashSales;

/// <summary>Keeps the flash sales the catalog announces: started (what it covers, its planned end), ended (an earlier end).</summary>
public static class FlashSales
{
    public static async Task StartedAsync(
        AnalyticsDbContext db, Guid id, string name, IReadOnlyList<Guid> productIds, IReadOnlyList<Guid> variantIds, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken cancellationToken)
    {
        var sale = await db.FlashSales.FindAsync([id], cancellationToken);
        if (sale is null)
        {
            db.FlashSales.Add(new FlashSale
            {
                Id = id,
                Name = name[..Math.Min(name.Length, FlashSale.MaxNameLength)],
                ProductIds = [.. productIds],
                VariantIds = [.. variantIds],
                StartsAt = startsAt,
                EndsAt = endsAt,
            });
        }
        else
        {
            // The end arrived first (delivery order is not guaranteed): keep the earlier end.
            sale.Name = name[..Math.Min(name.Length, FlashSale.MaxNameLength)];
            sale.ProductIds = [.. productIds];
            sale.VariantIds = [.. variantIds];
            sale.StartsAt = startsAt;
            sale.EndsAt = endsAt < sale.EndsAt ? endsAt : sale.EndsAt;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task EndedAsync(
        AnalyticsDbContext db, Guid id, IReadOnlyList<Guid> productIds, IReadOnlyList<Guid> variantIds, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        var sale = await db.FlashSales.FindAsync([id], cancellationToken);
        if (sale is null)
        {
            // Only the end was heard: its start is unknown until the started event arrives.
            db.FlashSales.Add(new FlashSale { Id = id, Name = "", ProductIds = [.. productIds], VariantIds = [.. variantIds], StartsAt = endedAt, EndsAt = endedAt });
        }
        else if (endedAt < sale.EndsAt)
        {
            sale.EndsAt = endedAt;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
