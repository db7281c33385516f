using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Contracts.Events.Catalog;

namespace SpaceOfSport.Catalog.FlashSales;

/// <summary>
/// Units left in running flash sales: what inventory last reported available (<c>StockLevels</c>) over every SKU a sale
/// covers. When a covered SKU's stock moves, <see cref="AnnounceAsync"/> writes <see cref="FlashSaleStockChanged"/> to the
/// outbox, so the hub can count the sale down live and say when it sold out.
/// </summary>
public sealed class FlashSaleStock(CatalogDbContext db, TimeProvider time)
{
    /// <summary>From how many units left anonymous callers see the count (the hub's <c>Hub:ExactStockFrom</c> default).</summary>
    public const int ExactUnitsFrom = 10;

    /// <summary>Units left as a word: <c>out</c>, <c>low</c> (below <see cref="ExactUnitsFrom"/>) or <c>available</c>.</summary>
    public static string StatusOf(long remaining) => remaining <= 0 ? "out" : remaining < ExactUnitsFrom ? "low" : "available";

    /// <summary>Units still available over the sale's SKUs, and the newest stock report that figure reflects.</summary>
    public async Task<(long Remaining, DateTimeOffset? AsOf)> RemainingAsync(FlashSale sale, CancellationToken cancellationToken)
    {
        var (products, variants) = (sale.ProductIds, sale.VariantIds);
        var skus = db.Variants.Where(v => products.Contains(v.ProductId) || variants.Contains(v.Id)).Select(v => v.Sku);
        var levels = await db.StockLevels.AsNoTracking().Where(l => skus.Contains(l.Sku))
            .Select(l => new { l.Available, l.ReportedAtTicks }).ToListAsync(cancellationToken);
        if (levels.Count == 0) return (0, null);
        return (levels.Sum(l => Math.Max(0, l.Available)), new DateTimeOffset(levels.Max(l => l.ReportedAtTicks), TimeSpan.Zero));
    }

    /// <summary>
    /// After <paramref name="sku"/>'s stock moved (its report already stored): announces the units left of every running
    /// sale that covers it. Returns how many sales it announced.
    /// </summary>
    public async Task<int> AnnounceAsync(string sku, CancellationToken cancellationToken)
    {
        var variant = await db.Variants.AsNoTracking().Where(v => v.Sku == sku).Select(v => new { v.Id, v.ProductId }).FirstOrDefaultAsync(cancellationToken);
        if (variant is null) return 0;
        var now = time.GetUtcNow();
        // Running sales are few at any time: filtered here rather than by a query on the id lists.
        var running = (await db.FlashSales.AsNoTracking().Where(s => s.State == FlashSaleState.Started).ToListAsync(cancellationToken))
            .Where(s => s.IsActiveAt(now) && s.Covers(variant.ProductId, variant.Id)).ToList();
        foreach (var sale in running)
        {
            var (remaining, asOf) = await RemainingAsync(sale, cancellationToken);
            db.AddIntegrationEvent(new FlashSaleStockChanged { FlashSaleId = sale.Id, RemainingUnits = remaining, AsOf = asOf ?? now, OccurredAt = now });
        }

        if (running.Count > 0) await db.SaveChangesAsync(cancellationToken);
        return running.Count;
    }
}
