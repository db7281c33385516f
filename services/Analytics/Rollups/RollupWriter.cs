using System.Text;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Events;

namespace SpaceOfSport.Analytics.Rollups;

/// <summary>
/// Adds new events' contributions to the hourly and daily rollups with one upsert per cell (<c>INSERT ... ON CONFLICT DO
/// UPDATE</c>, the same SQL on SQLite and PostgreSQL), inside the caller's transaction. Cells are summed in memory first
/// (an upsert may touch a row once) and written in key order, so two concurrent batches never lock each other in a circle.
/// </summary>
public static class RollupWriter
{
    private const int RowsPerStatement = 200;

    public static async Task AddAsync(AnalyticsDbContext db, IEnumerable<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var cells = new SortedDictionary<(string Metric, string Granularity, long Bucket, string Dimension), (long Count, long Total)>();
        foreach (var e in events)
        {
            var (hour, day) = Metrics.Buckets(e.OccurredAt);
            foreach (var delta in Metrics.Of(e))
            {
                Add((delta.Metric, Rollup.Hour, hour, delta.Dimension), delta);
                Add((delta.Metric, Rollup.Day, day, delta.Dimension), delta);
            }
        }

        foreach (var chunk in cells.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO rollups (metric, granularity, bucket_start, dimension, event_count, total) VALUES ");
            var parameters = new List<object>(chunk.Length * 6);
            foreach (var ((metric, granularity, bucket, dimension), (count, total)) in chunk)
            {
                if (parameters.Count > 0) sql.Append(", ");
                var n = parameters.Count;
                sql.Append($"({{{n}}}, {{{n + 1}}}, {{{n + 2}}}, {{{n + 3}}}, {{{n + 4}}}, {{{n + 5}}})");
                parameters.AddRange([metric, granularity, bucket, dimension, count, total]);
            }
            sql.Append(" ON CONFLICT (metric, granularity, bucket_start, dimension) DO UPDATE SET event_count = rollups.event_count + excluded.event_count, total = rollups.total + excluded.total");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
        }

        void Add((string, string, long, string) key, RollupDelta delta)
        {
            var (count, total) = cells.GetValueOrDefault(key);
            cells[key] = (count + delta.Count, total + delta.Value);
        }
    }
}
