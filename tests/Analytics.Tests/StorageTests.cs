extern alias analytics;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Tests.Infrastructure;
using EventLine = analytics::SpaceOfSport.Analytics.Events.EventLine;
using EventRecorder = analytics::SpaceOfSport.Analytics.Events.EventRecorder;
using EventTypes = analytics::SpaceOfSport.Analytics.Events.EventTypes;
using Metrics = analytics::SpaceOfSport.Analytics.Rollups.Metrics;
using RecordedEvent = analytics::SpaceOfSport.Analytics.Events.RecordedEvent;

namespace SpaceOfSport.Analytics.Tests;

/// <summary>
/// The event store and its rollups on each database provider: whatever the batches, their overlaps and their
/// concurrency, every hourly and daily cell equals a direct computation over the raw events stored, and each event is
/// stored once.
/// </summary>
public abstract class StorageTests(AnalyticsHost host)
{
    private static readonly string[] Types =
        [EventTypes.PageViewed, EventTypes.ProductViewed, EventTypes.SearchPerformed, EventTypes.AddedToCart, EventTypes.CheckoutStarted, EventTypes.OrderPaid, EventTypes.Refunded, EventTypes.ReturnRequested];

    private static readonly Gen<(string Type, int Minute, int Query, int Results, int Quantity, long Amount, int Lines)> AnyEvent =
        from type in Gen.Int[0, Types.Length - 1]
        from minute in Gen.Int[0, (3 * 24 * 60) - 1]
        from query in Gen.Int[0, 3]
        from results in Gen.Int[0, 3]
        from quantity in Gen.Int[1, 5]
        from amount in Gen.Long[0, 50_000]
        from lines in Gen.Int[0, 3]
        select (Types[type], minute, query, results, quantity, amount, lines);

    [Fact]
    public async Task Rollups_equal_a_direct_computation_over_the_raw_events_whatever_the_batches_and_their_overlaps()
    {
        await AnyEvent.Array[1, 40].Select(Gen.Int[0, 40], Gen.Int[0, 40]).SampleAsync(async sample =>
        {
            var (generated, split, overlap) = sample;
            var day0 = AnalyticsHost.OwnDays(3);
            var start = new DateTimeOffset(day0.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var marker = Guid.NewGuid().ToString("N")[..8];
            var events = generated.Select(g => Event(g, start, marker)).ToList();
            var cut = Math.Min(split, events.Count);
            // Two deliveries racing each other, both holding some of the same events (as retries do).
            var first = events.Take(Math.Min(events.Count, cut + overlap)).ToList();
            var second = events.Skip(Math.Max(0, cut - overlap)).ToList();

            await Task.WhenAll(RecordAsync(first), RecordAsync(second));

            var startSeconds = start.ToUnixTimeSeconds();
            var endSeconds = start.AddDays(3).ToUnixTimeSeconds();
            var stored = await host.QueryAsync(db => db.Events.AsNoTracking().Where(e => e.OccurredAt >= start && e.OccurredAt < start.AddDays(3)).ToListAsync());
            stored.Select(e => e.Id).Should().BeEquivalentTo(events.Select(e => e.Id), "each event is stored exactly once");

            var expected = stored.SelectMany(e => Metrics.Of(e).SelectMany(d =>
                {
                    var (hour, day) = Metrics.Buckets(e.OccurredAt);
                    return new[] { (d.Metric, Granularity: "hour", Bucket: hour, d.Dimension, d.Count, d.Value), (d.Metric, Granularity: "day", Bucket: day, d.Dimension, d.Count, d.Value) };
                }))
                .GroupBy(c => (c.Metric, c.Granularity, c.Bucket, c.Dimension))
                .ToDictionary(g => g.Key, g => (Count: g.Sum(c => c.Count), Total: g.Sum(c => c.Value)));
            var cells = await host.QueryAsync(db => db.Rollups.AsNoTracking().Where(r => r.BucketStart >= startSeconds && r.BucketStart < endSeconds).ToListAsync());
            cells.ToDictionary(c => (c.Metric, c.Granularity, Bucket: c.BucketStart, c.Dimension), c => (Count: c.EventCount, c.Total))
                .Should().BeEquivalentTo(expected);

            // And independently of the contribution rules: searches per text, and revenue per day.
            var searches = stored.Where(e => e.Type == EventTypes.SearchPerformed).GroupBy(e => e.Query!).ToDictionary(g => g.Key, g => (long)g.Count());
            cells.Where(c => c.Metric == Metrics.Searches && c.Granularity == "day").GroupBy(c => c.Dimension).ToDictionary(g => g.Key, g => g.Sum(c => c.EventCount))
                .Should().BeEquivalentTo(searches);
            cells.Where(c => c.Metric == Metrics.Orders && c.Granularity == "day").Sum(c => c.Total)
                .Should().Be(stored.Where(e => e.Type == EventTypes.OrderPaid).Sum(e => e.AmountMinor ?? 0));
        }, iter: 12, threads: 1);
    }

    [Fact]
    public async Task An_event_recorded_again_in_a_later_batch_is_a_duplicate_and_counts_once()
    {
        var at = new DateTimeOffset(AnalyticsHost.OwnDays().ToDateTime(new TimeOnly(9, 30)), TimeSpan.Zero);
        var paid = new RecordedEvent { Id = Guid.CreateVersion7(), Type = EventTypes.OrderPaid, OccurredAt = at, ReceivedAt = at, Currency = "EUR", AmountMinor = 12_345, Lines = [new("DUP-1", 2, 12_000)] };

        var once = await RecordAsync([paid]);
        var again = await RecordAsync([paid, paid]);

        (once.Accepted, once.Duplicates).Should().Be((1, 0));
        (again.Accepted, again.Duplicates).Should().Be((0, 2));
        var day = Metrics.Buckets(at).Day;
        var orders = await host.QueryAsync(db => db.Rollups.AsNoTracking().SingleAsync(r => r.Metric == Metrics.Orders && r.Granularity == "day" && r.BucketStart == day));
        (orders.EventCount, orders.Total).Should().Be((1, 12_345));
    }

    private async Task<EventRecorder.Outcome> RecordAsync(IReadOnlyList<RecordedEvent> events)
    {
        using var scope = host.CreateScope();
        // Fresh copies: each delivery deserializes its own.
        return await scope.ServiceProvider.GetRequiredService<EventRecorder>().RecordAsync([.. events.Select(Copy)], CancellationToken.None);
    }

    private static RecordedEvent Copy(RecordedEvent e) => new()
    {
        Id = e.Id,
        Type = e.Type,
        OccurredAt = e.OccurredAt,
        ReceivedAt = e.ReceivedAt,
        VisitorId = e.VisitorId,
        UserId = e.UserId,
        Path = e.Path,
        ProductId = e.ProductId,
        Sku = e.Sku,
        Query = e.Query,
        ResultCount = e.ResultCount,
        Quantity = e.Quantity,
        OrderId = e.OrderId,
        AmountMinor = e.AmountMinor,
        Currency = e.Currency,
        Lines = [.. e.Lines],
    };

    private static RecordedEvent Event((string Type, int Minute, int Query, int Results, int Quantity, long Amount, int Lines) g, DateTimeOffset start, string marker)
    {
        var at = start.AddMinutes(g.Minute);
        var lines = Enumerable.Range(0, g.Lines).Select(i => new EventLine($"{marker}-SKU-{i}", g.Quantity, g.Amount / (i + 1), g.Type == EventTypes.ReturnRequested ? $"reason-{i}" : null)).ToList();
        return g.Type switch
        {
            EventTypes.PageViewed => new() { Id = Guid.NewGuid(), Type = g.Type, OccurredAt = at, ReceivedAt = at, VisitorId = marker, Path = "/" },
            EventTypes.SearchPerformed => new() { Id = Guid.NewGuid(), Type = g.Type, OccurredAt = at, ReceivedAt = at, VisitorId = marker, Query = $"{marker} q{g.Query}", ResultCount = g.Results },
            EventTypes.AddedToCart => new() { Id = Guid.NewGuid(), Type = g.Type, OccurredAt = at, ReceivedAt = at, VisitorId = marker, ProductId = Guid.NewGuid(), Sku = $"{marker}-SKU", Quantity = g.Quantity },
            EventTypes.OrderPaid => new() { Id = Guid.NewGuid(), Type = g.Type, OccurredAt = at, ReceivedAt = at, OrderId = Guid.NewGuid(), AmountMinor = g.Amount, Currency = g.Query % 2 == 0 ? "EUR" : "GBP", Lines = lines },
            EventTypes.Refunded => new() { Id = Guid.NewGuid(), Type = g.Type, OccurredAt = at, ReceivedAt = at, OrderId = Guid.NewGuid(), AmountMinor = g.Amount, Currency = "EUR" },
            EventTypes.ReturnRequested => new() { Id = Guid.NewGuid(), Type = g.Type, OccurredAt = at, ReceivedAt = at, OrderId = Guid.NewGuid(), Lines = lines },
            _ => new() { Id = Guid.NewGuid(), Type = g.Type, OccurredAt = at, ReceivedAt = at, VisitorId = marker, ProductId = Guid.NewGuid() },
        };
    }
}

public sealed class SqliteStorageTests(SqliteAnalyticsHost host) : StorageTests(host), IClassFixture<SqliteAnalyticsHost>;

public sealed class PostgresStorageTests(PostgresAnalyticsHost host) : StorageTests(host), IClassFixture<PostgresAnalyticsHost>;
