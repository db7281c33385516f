using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Events;
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

    /// <summary>
    /// The <paramref name="first"/> SKUs (all of them without) sold most in the range with their units and revenue, most
    /// units first: grouped, summed, ordered and cut in SQL, so only the answer leaves the database (reading every
    /// hourly cell of a 90-day range took 1.1 s at p99).
    /// </summary>
    public async Task<IReadOnlyList<SkuSales>> SkuSalesAsync(ReportRange range, string currency, CancellationToken cancellationToken, int? first = null)
    {
        var prefix = Metrics.SkuDimension(currency, "");
        var sold = rollups.Cells(Metrics.SkuSales, range).Where(c => c.Dimension.StartsWith(prefix))
            .GroupBy(c => c.Dimension)
            .Select(g => new { Dimension = g.Key, Units = g.Sum(c => c.EventCount), Revenue = g.Sum(c => c.Total) })
            .OrderByDescending(s => s.Units).ThenBy(s => s.Dimension);
        var rows = await (first is { } limit ? sold.Take(limit) : sold).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SkuSales(r.Dimension[prefix.Length..], r.Units, new Money(r.Revenue, currency)))];
    }

    /// <summary>The most viewed page paths, most first (grouped in SQL).</summary>
    public async Task<IReadOnlyList<PageViewCount>> PageViewsAsync(ReportRange range, int first, CancellationToken cancellationToken) =>
        [.. (await rollups.Cells(Metrics.PageViews, range)
            .GroupBy(c => c.Dimension)
            .Select(g => new { Path = g.Key, Views = g.Sum(c => c.EventCount) })
            .OrderByDescending(p => p.Views).ThenBy(p => p.Path).Take(first)
            .ToListAsync(cancellationToken)).Select(p => new PageViewCount(p.Path, p.Views))];

    public async Task<RecommendationPerformance> RecommendationPerformanceAsync(ReportRange range, CancellationToken cancellationToken)
    {
        var (shown, _) = await rollups.SumAsync(Metrics.RecommendationsShown, range, null, cancellationToken);
        var (clicked, _) = await rollups.SumAsync(Metrics.RecommendationsClicked, range, null, cancellationToken);
        return new RecommendationPerformance(shown, clicked, Rate(clicked, shown));
    }

    /// <summary>
    /// The funnel by distinct visitors (the storefront's visitor cookie) rather than events: visited a page → viewed a
    /// product → added to cart → started checkout, and then buyers (distinct customers with a paid order; each guest
    /// order counts as one buyer, since nothing ties it to a visitor). Counted over raw events, so only within the raw
    /// events' retention window (90 days by default).
    /// </summary>
    public async Task<IReadOnlyList<FunnelStage>> VisitorFunnelAsync(ReportRange range, CancellationToken cancellationToken)
    {
        var (start, end) = (range.StartUtc, range.EndUtc);
        var events = db.Events.AsNoTracking().Where(e => e.OccurredAt >= start && e.OccurredAt < end);
        (string Stage, string Type)[] steps = [("visited", EventTypes.PageViewed), ("viewed", EventTypes.ProductViewed), ("added", EventTypes.AddedToCart), ("checkout", EventTypes.CheckoutStarted)];
        var stages = new List<FunnelStage>();
        foreach (var (stage, type) in steps)
        {
            var visitors = await events.Where(e => e.Type == type && e.VisitorId != null).Select(e => e.VisitorId).Distinct().LongCountAsync(cancellationToken);
            stages.Add(Stage(stage, visitors));
        }
        var paid = events.Where(e => e.Type == EventTypes.OrderPaid);
        var buyers = await paid.Where(e => e.UserId != null).Select(e => e.UserId).Distinct().LongCountAsync(cancellationToken)
            + await paid.LongCountAsync(e => e.UserId == null, cancellationToken);
        stages.Add(Stage("paid", buyers));
        return stages;

        FunnelStage Stage(string name, long count) =>
            new(name, count, stages.Count == 0 ? null : Rate(count, stages[^1].Count), stages.Count == 0 ? null : Rate(count, stages[0].Count));
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
