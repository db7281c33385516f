extern alias analytics;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using EventRecorder = analytics::SpaceOfSport.Analytics.Events.EventRecorder;
using EventTypes = analytics::SpaceOfSport.Analytics.Events.EventTypes;
using Metrics = analytics::SpaceOfSport.Analytics.Rollups.Metrics;
using RecordedEvent = analytics::SpaceOfSport.Analytics.Events.RecordedEvent;

namespace SpaceOfSport.Analytics.Tests;

/// <summary>
/// Raw events are kept for the retention window (90 days by default) and then deleted by the sweep that runs every hour
/// of the service's clock; the rollups built from them stay.
/// </summary>
public abstract class RetentionTests(AnalyticsHost host)
{
    [Fact]
    public async Task An_hour_after_an_event_passes_90_days_it_is_deleted_and_its_rollups_stay()
    {
        var now = host.Clock.GetUtcNow();
        var expired = Event(now.AddDays(-90).AddMinutes(30));
        var kept = Event(now.AddDays(-89));
        using (var scope = host.CreateScope())
            await scope.ServiceProvider.GetRequiredService<EventRecorder>().RecordAsync([expired, kept], CancellationToken.None);

        // The clock moves a minute per look (at most ~50 hours in all): the event expires after 30 minutes, and the sweep
        // comes at most an hour later, whenever its timer was set.
        await Eventually.UntilAsync(async () =>
        {
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            return !await StoredAsync(expired.Id);
        }, "the sweep deletes the expired event", TimeSpan.FromSeconds(60));

        (await StoredAsync(kept.Id)).Should().BeTrue();
        host.Clock.GetUtcNow().Should().BeAfter(now.AddMinutes(30), "nothing is deleted before it expires");
        var day = Metrics.Buckets(expired.OccurredAt).Day;
        var cell = await host.QueryAsync(db => db.Rollups.AsNoTracking().SingleAsync(r => r.Metric == Metrics.Searches && r.Granularity == "day" && r.BucketStart == day && r.Dimension == expired.Query));
        cell.EventCount.Should().Be(1);
    }

    private Task<bool> StoredAsync(Guid id) => host.QueryAsync(db => db.Events.AnyAsync(e => e.Id == id));

    private static RecordedEvent Event(DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        Type = EventTypes.SearchPerformed,
        OccurredAt = at,
        ReceivedAt = at,
        VisitorId = "retention",
        Query = "retention " + Guid.NewGuid().ToString("N")[..8],
        ResultCount = 1,
    };
}

public sealed class SqliteRetentionTests(SqliteAnalyticsHost host) : RetentionTests(host), IClassFixture<SqliteAnalyticsHost>;

public sealed class PostgresRetentionTests(PostgresAnalyticsHost host) : RetentionTests(host), IClassFixture<PostgresAnalyticsHost>;
