using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Rollups;
using SpaceOfSport.BuildingBlocks.GraphQL;

namespace SpaceOfSport.Analytics.Reports;

/// <summary>The staff reports, computed from the rollups (and the stock-out periods), never from raw events.</summary>
public sealed class ReportQueries(AnalyticsDbContext db, RollupReader rollups, TimeProvider clock)
{
    public async Task<SalesReport> SalesAsync(ReportRange range, ReportPeriod period, string currency, CancellationToken cancellationToken)
    {
        var orders = await rollups.ReadAsync(Metrics.Orders, range, currency, cancellationToken);
        var units = await rollups.ReadAsync(Metrics.Units, range, currency, cancellationToken);
        var previous = range.Previous;
        var previousOrders = await rollups.SumAsync(Metrics.Orders, previous, currency, cancellationToken);
        var previousUnits = await rollups.SumAsync(Metrics.Units, previous, currency, cancellationToken);

        DateOnly PeriodOf(Rollup cell) => ReportRange.PeriodStart(range.LocalDate(DateTimeOffset.FromUnixTimeSeconds(cell.BucketStart)), period);
        var unitsByPeriod = units.GroupBy(PeriodOf).ToDictionary(g => g.Key, g => g.Sum(c => c.Total));
        var series = orders.GroupBy(PeriodOf).OrderBy(g => g.Key)
            .Select(g => new SalesBucket(g.Key, Totals(g.Sum(c => c.EventCount), g.Sum(c => c.Total), unitsByPeriod.GetValueOrDefault(g.Key), currency))).ToList();

        var totals = Totals(orders.Sum(c => c.EventCount), orders.Sum(c => c.Total), units.Sum(c => c.Total), currency);
        var before = Totals(previousOrders.Count, previousOrders.Total, previousUnits.Total, currency);
        return new SalesReport(range.From, range.To, range.TimeZone.Id, totals, before,
            Change(totals.Revenue.AmountMinor, before.Revenue.AmountMinor), Change(totals.Orders, before.Orders), series);
    }

    public async Task<IReadOnlyList<FunnelStage>> FunnelAsync(ReportRange range, CancellationToken cancellationToken)
    {
        (string Stage, string Metric)[] steps = [("viewed", Metrics.ProductViews), ("added", Metrics.CartAdds), ("checkout", Metrics.Checkouts), ("paid", Metrics.Orders)];
        var stages = new List<FunnelStage>();
        foreach (var (stage, metric) in steps)
        {
            var (count, _) = await rollups.SumAsync(metric, range, null, cancellationToken);
            stages.Add(new FunnelStage(stage, count, stages.Count == 0 ? null : Rate(count, stages[^1].Count), stages.Count == 0 ? null : Rate(count, stages[0].Count)));
        }
        return stages;
    }

    public async Task<CartAbandonmentReport> CartAbandonmentAsync(ReportRange range, string currency, CancellationToken cancellationToken)
    {
        var abandoned = await rollups.ReadAsync(Metrics.CartsAbandoned, range, null, cancellationToken);
        var (paid, _) = await rollups.SumAsync(Metrics.Orders, range, null, cancellationToken);
        var count = abandoned.Sum(c => c.EventCount);
        return new CartAbandonmentReport(count, paid, Rate(count, count + paid), new Money(abandoned.Where(c => c.Dimension == currency).Sum(c => c.Total), currency));
    }

    public async Task<IReadOnlyList<SearchTerm>> SearchesAsync(ReportRange range, bool withoutResultsOnly, int first, CancellationToken cancellationToken)
    {
        var cells = await rollups.ReadAsync(withoutResultsOnly ? Metrics.SearchesWithoutResults : Metrics.Searches, range, null, cancellationToken);
        return [.. cells.GroupBy(c => c.Dimension)
            .Select(g => new SearchTerm(g.Key, g.Sum(c => c.EventCount), withoutResultsOnly ? 0 : (double)g.Sum(c => c.Total) / g.Sum(c => c.EventCount)))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Query, StringComparer.Ordinal).Take(first)];
    }

    /// <summary>Every SKU sold in the range with its units and revenue, most units first.</summary>
    public async Task<IReadOnlyList<SkuSales>> SkuSalesAsync(ReportRange range, string currency, CancellationToken cancellationToken)
    {
        var cells = await rollups.ReadAsync(Metrics.SkuSales, range, null, cancellationToken);
        var prefix = Metrics.SkuDimension(currency, "");
        return [.. cells.Where(c => c.Dimension.StartsWith(prefix, StringComparison.Ordinal)).GroupBy(c => c.Dimension[prefix.Length..])
            .Select(g => new SkuSales(g.Key, g.Sum(c => c.EventCount), new Money(g.Sum(c => c.Total), currency)))
            .OrderByDescending(s => s.Units).ThenBy(s => s.Sku, StringComparer.Ordinal)];
    }

    /// <summary>SKUs in stock now that sold fewest units in the range (none at all first).</summary>
    public async Task<IReadOnlyList<SkuSales>> SlowMoversAsync(ReportRange range, string currency, int first, CancellationToken cancellationToken)
    {
        var sold = (await SkuSalesAsync(range, currency, cancellationToken)).ToDictionary(s => s.Sku);
        var inStock = await db.SkuStocks.AsNoTracking().Where(s => s.TotalAvailable > 0).Select(s => s.Sku).ToListAsync(cancellationToken);
        return [.. inStock.Select(sku => sold.GetValueOrDefault(sku) ?? new SkuSales(sku, 0, new Money(0, currency)))
            .OrderBy(s => s.Units).ThenBy(s => s.Sku, StringComparer.Ordinal).Take(first)];
    }

    /// <summary>Per SKU, the days (fractional) it was sold out everywhere within the range, most first.</summary>
    public async Task<IReadOnlyList<SkuStockOutReport>> StockOutsAsync(ReportRange range, int first, CancellationToken cancellationToken)
    {
        var (start, end, now) = (range.StartUtc, range.EndUtc, clock.GetUtcNow());
        var periods = await db.StockOuts.AsNoTracking().Where(s => s.StartedAt < end && (s.EndedAt == null || s.EndedAt > start)).ToListAsync(cancellationToken);
        return [.. periods.GroupBy(p => p.Sku).Select(g => new SkuStockOutReport(
                g.Key,
                g.Sum(p => Math.Max(0, ((p.EndedAt ?? now) < end ? p.EndedAt ?? now : end).Subtract(p.StartedAt > start ? p.StartedAt : start).TotalDays)),
                g.Count(),
                g.Any(p => p.EndedAt is null)))
            .OrderByDescending(s => s.SoldOutDays).ThenBy(s => s.Sku, StringComparer.Ordinal).Take(first)];
    }

    public async Task<RefundsReport> RefundsAsync(ReportRange range, string currency, CancellationToken cancellationToken)
    {
        var (count, amount) = await rollups.SumAsync(Metrics.Refunds, range, currency, cancellationToken);
        var reasons = await rollups.ReadAsync(Metrics.ReturnUnits, range, null, cancellationToken);
        return new RefundsReport(count, new Money(amount, currency),
            [.. reasons.GroupBy(c => c.Dimension).Select(g => new ReturnReason(g.Key, g.Sum(c => c.EventCount))).OrderByDescending(r => r.Units).ThenBy(r => r.Reason, StringComparer.Ordinal)]);
    }

    private static SalesTotals Totals(long orders, long revenue, long units, string currency) =>
        new(new Money(revenue, currency), orders, new Money(orders == 0 ? 0 : (long)Math.Round((double)revenue / orders, MidpointRounding.AwayFromZero), currency), units);

    private static double? Rate(long part, long whole) => whole == 0 ? null : (double)part / whole;

    /// <summary>Relative change from <paramref name="before"/> (0.25 = up 25 %); none when there was nothing before.</summary>
    private static double? Change(long now, long before) => before == 0 ? null : (double)(now - before) / before;
}
