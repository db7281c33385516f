using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Events;
using SpaceOfSport.BuildingBlocks.GraphQL;

namespace SpaceOfSport.Analytics.Reports;

/// <summary>What a sales breakdown groups by.</summary>
public enum BreakdownDimension
{
    Category,
    Brand,
    Sport,
}

/// <summary>Units and revenue of one category, brand or sport (null: SKUs whose product analytics has not heard of yet).</summary>
public sealed record SalesBreakdownRow(Guid? Id, long Units, Money Revenue);

/// <summary>How a flash sale went: what sold while it ran, and how long until what it covered was sold out.</summary>
public sealed record FlashSaleReport(
    Guid Id, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, long Orders, long Units, Money Revenue, int Skus, int SkusSoldOut, TimeSpan? SoldOutAfter);

/// <summary>
/// Reports that need the catalog's facts (brand, category path, sports: <see cref="Products.ProductFacts"/>) or its
/// flash sales, on top of the rollups and raw events.
/// </summary>
public sealed class CatalogReports(AnalyticsDbContext db, ReportQueries reports)
{
    /// <summary>
    /// Sales by category (the category <paramref name="categoryDepth"/> levels from the root on the product's path —
    /// 1: top level — or its own when shallower), brand or sport (a product of several sports counts in each).
    /// </summary>
    public async Task<IReadOnlyList<SalesBreakdownRow>> SalesByAsync(ReportRange range, string currency, BreakdownDimension by, int categoryDepth, CancellationToken cancellationToken)
    {
        var sold = await reports.SkuSalesAsync(range, currency, cancellationToken);
        var skus = sold.Select(s => s.Sku).ToList();
        var products = await db.SkuProducts.AsNoTracking().Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, p => p.ProductId, cancellationToken);
        var productIds = products.Values.Distinct().ToList();
        var facts = await db.ProductFacts.AsNoTracking().Where(f => productIds.Contains(f.ProductId)).ToDictionaryAsync(f => f.ProductId, cancellationToken);

        IEnumerable<Guid?> KeysOf(string sku)
        {
            if (!products.TryGetValue(sku, out var product) || !facts.TryGetValue(product, out var fact)) return [null];
            return by switch
            {
                BreakdownDimension.Brand => [fact.BrandId],
                BreakdownDimension.Sport => fact.SportIds.Count == 0 ? [null] : fact.SportIds.Select(id => (Guid?)id),
                _ => [fact.CategoryPath.Count == 0 ? fact.CategoryId : fact.CategoryPath[Math.Min(categoryDepth, fact.CategoryPath.Count) - 1]],
            };
        }

        return [.. sold.SelectMany(s => KeysOf(s.Sku).Select(key => (Key: key, Sale: s)))
            .GroupBy(x => x.Key)
            .Select(g => new SalesBreakdownRow(g.Key, g.Sum(x => x.Sale.Units), new Money(g.Sum(x => x.Sale.Revenue.AmountMinor), currency)))
            .OrderByDescending(r => r.Revenue.AmountMinor).ThenBy(r => r.Id)];
    }

    /// <summary>
    /// Every flash sale running at some point of the range: orders, units and revenue (in <paramref name="currency"/>)
    /// of the SKUs it covered, paid while it ran (from raw events: within their retention), and the time from its
    /// start until every SKU it covered was sold out (none when some never were).
    /// </summary>
    public async Task<IReadOnlyList<FlashSaleReport>> FlashSalesAsync(ReportRange range, string currency, CancellationToken cancellationToken)
    {
        var (start, end) = (range.StartUtc, range.EndUtc);
        var sales = await db.FlashSales.AsNoTracking().Where(s => s.StartsAt < end && s.EndsAt > start && s.Name != "").ToListAsync(cancellationToken);
        var result = new List<FlashSaleReport>();
        foreach (var sale in sales.OrderBy(s => s.StartsAt).ThenBy(s => s.Id))
        {
            var skus = await db.SkuProducts.AsNoTracking()
                .Where(p => sale.ProductIds.Contains(p.ProductId) || (p.VariantId != null && sale.VariantIds.Contains(p.VariantId.Value)))
                .Select(p => p.Sku).ToListAsync(cancellationToken);
            var covered = skus.ToHashSet(StringComparer.Ordinal);
            var orders = await db.Events.AsNoTracking()
                .Where(e => e.Type == EventTypes.OrderPaid && e.Currency == currency && e.OccurredAt >= sale.StartsAt && e.OccurredAt < sale.EndsAt)
                .ToListAsync(cancellationToken);
            var lines = orders.Select(o => o.Lines.Where(l => covered.Contains(l.Sku)).ToList()).Where(l => l.Count > 0).ToList();

            var soldOut = (await db.StockOuts.AsNoTracking().Where(s => skus.Contains(s.Sku) && s.StartedAt >= sale.StartsAt && s.StartedAt < sale.EndsAt)
                .ToListAsync(cancellationToken)).GroupBy(s => s.Sku).Select(g => g.Min(s => s.StartedAt)).ToList();
            var allSoldOut = covered.Count > 0 && soldOut.Count == covered.Count;
            result.Add(new FlashSaleReport(sale.Id, sale.Name, sale.StartsAt, sale.EndsAt, lines.Count, lines.Sum(l => l.Sum(x => (long)x.Quantity)),
                new Money(lines.Sum(l => l.Sum(x => x.AmountMinor)), currency), covered.Count, soldOut.Count, allSoldOut ? soldOut.Max() - sale.StartsAt : null));
        }
        return result;
    }
}
