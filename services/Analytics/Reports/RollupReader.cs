using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Rollups;

namespace SpaceOfSport.Analytics.Reports;

/// <summary>Reads a metric's rollup cells over a report range: the daily cells where they fit the time zone, else the hourly ones.</summary>
public sealed class RollupReader(AnalyticsDbContext db)
{
    /// <summary>Cells of <paramref name="metric"/> in the range, for one dimension or (null) all of them.</summary>
    public async Task<IReadOnlyList<Rollup>> ReadAsync(string metric, ReportRange range, string? dimension, CancellationToken cancellationToken)
    {
        var cells = Cells(metric, range);
        if (dimension is not null) cells = cells.Where(r => r.Dimension == dimension);
        return await cells.ToListAsync(cancellationToken);
    }

    /// <summary>The cells as a query, for reports that group and sum in the database.</summary>
    public IQueryable<Rollup> Cells(string metric, ReportRange range)
    {
        var granularity = range.DailyRollupsFit ? Rollup.Day : Rollup.Hour;
        var start = range.StartUtc.ToUnixTimeSeconds();
        var end = range.EndUtc.ToUnixTimeSeconds();
        return db.Rollups.AsNoTracking().Where(r => r.Metric == metric && r.Granularity == granularity && r.BucketStart >= start && r.BucketStart < end);
    }

    /// <summary>Count and total of <paramref name="metric"/> over the range.</summary>
    public async Task<(long Count, long Total)> SumAsync(string metric, ReportRange range, string? dimension, CancellationToken cancellationToken)
    {
        var cells = await ReadAsync(metric, range, dimension, cancellationToken);
        return (cells.Sum(c => c.EventCount), cells.Sum(c => c.Total));
    }
}
