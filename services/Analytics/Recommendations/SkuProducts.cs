using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Events;

namespace SpaceOfSport.Analytics.Recommendations;

/// <summary>
/// Learns which product (and size) each SKU is from the usage events that name both: every SKU a customer buys went
/// through the cart first, so paid orders' SKUs map to products without asking the catalog.
/// </summary>
public static class SkuProducts
{
    public static async Task LearnAsync(AnalyticsDbContext db, IReadOnlyList<RecordedEvent> events, IReadOnlyDictionary<Guid, string?> sizes, CancellationToken cancellationToken)
    {
        var named = events.Where(e => e.Sku is not null && e.ProductId is not null).GroupBy(e => e.Sku!).Select(g => g.MaxBy(e => e.OccurredAt)!).ToList();
        if (named.Count == 0) return;
        var skus = named.Select(e => e.Sku!).ToList();
        var known = await db.SkuProducts.Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, cancellationToken);
        foreach (var e in named)
        {
            var size = sizes.GetValueOrDefault(e.Id);
            if (known.TryGetValue(e.Sku!, out var mapping))
            {
                mapping.ProductId = e.ProductId!.Value;
                mapping.Size = size ?? mapping.Size;
            }
            else
            {
                db.SkuProducts.Add(new SkuProduct { Sku = e.Sku!, ProductId = e.ProductId!.Value, Size = size });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
