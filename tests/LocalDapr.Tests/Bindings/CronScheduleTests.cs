using System.Collections.Concurrent;
using System.Globalization;
using LocalDapr.Bindings;
using LocalDapr.Components;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Bindings;

// Contract: https://docs.dapr.io/reference/components-reference/supported-bindings/cron/ (schedule formats:
// six fields with seconds, five fields, @every <duration>, and the @yearly ... @hourly shortcuts).
public sealed class CronScheduleTests
{
    // Expected times are worked out by hand from each format's definition; times without an offset are wall-clock
    // times in the machine's zone, as a schedule without CRON_TZ is read.
    [Theory]
    [InlineData("*/15 * * * * *", "2026-01-05T12:00:05", "2026-01-05T12:00:15", "2026-01-05T12:00:30")]
    [InlineData("0 30 9 * * MON-FRI", "2026-01-09T10:00:00", "2026-01-12T09:30:00", "2026-01-13T09:30:00")]
    [InlineData("0 3 * * *", "2026-01-05T02:59:10", "2026-01-05T03:00:00", "2026-01-06T03:00:00")]
    [InlineData("@every 15s", "2026-01-05T12:00:07", "2026-01-05T12:00:22", "2026-01-05T12:00:37")]
    [InlineData("@every 1h30m", "2026-01-05T12:00:00", "2026-01-05T13:30:00", "2026-01-05T15:00:00")]
    [InlineData("@daily", "2026-01-05T12:00:00", "2026-01-06T00:00:00", "2026-01-07T00:00:00")]
    [InlineData("@hourly", "2026-01-05T12:20:00", "2026-01-05T13:00:00", "2026-01-05T14:00:00")]
    [InlineData("@yearly", "2026-03-01T00:00:00", "2027-01-01T00:00:00", "2028-01-01T00:00:00")]
    [InlineData("CRON_TZ=UTC 0 0 6 * * *", "2026-01-05T07:00:00Z", "2026-01-06T06:00:00Z", "2026-01-07T06:00:00Z")]
    public async Task Schedules_daprd_accepts_fire_at_their_next_occurrences(string schedule, string start, string first, string second)
    {
        var fired = await FireAsync(schedule, At(start), count: 2);

        fired.Select(e => e.At).Should().Equal(At(first), At(second));
    }

    [Theory]
    [InlineData("every day")]
    [InlineData("* * *")]
    [InlineData("@every soon")]
    [InlineData("@fortnightly")]
    public async Task A_malformed_schedule_stops_the_runtime_naming_the_component(string schedule)
    {
        using var folder = ComponentsFolder.Create(BindingComponents.Cron("bad-schedule", schedule));
        await using var runtime = LocalDaprRuntime.Create();

        var start = () => runtime.StartSidecarAsync(new SidecarOptions { AppId = "cron-app", ResourcesPaths = [folder.Path] });

        var error = await start.Should().ThrowAsync<ResourceLoadException>();
        error.Which.Message.Should().Contain("bad-schedule").And.Contain(schedule);
    }

    [Theory]
    [InlineData("CRON_TZ=UTC 0 3 * * *", "2026-01-05T02:59:10Z", "2026-01-05T03:00:00Z")]
    [InlineData("CRON_TZ=UTC 0 30 9 * * MON-FRI", "2026-01-09T10:00:00Z", "2026-01-12T09:30:00Z")]
    [InlineData("CRON_TZ=UTC @daily", "2026-01-05T12:00:00Z", "2026-01-06T00:00:00Z")]
    [InlineData("CRON_TZ=UTC */20 * * * * *", "2026-01-05T12:00:05Z", "2026-01-05T12:00:20Z")]
    [InlineData("@every 1m30s", "2026-01-05T12:00:00Z", "2026-01-05T12:01:30Z")]
    public async Task Events_fire_when_the_schedule_says(string schedule, string start, string firstEvent)
    {
        var events = await FireAsync(schedule, DateTimeOffset.Parse(start, CultureInfo.InvariantCulture), count: 1);

        var fired = events.Should().ContainSingle().Which;
        fired.At.Should().Be(DateTimeOffset.Parse(firstEvent, CultureInfo.InvariantCulture));
        fired.Event.Metadata.Should().ContainKeys("timeZone", "readTimeUTC");
    }

    private static DateTimeOffset At(string time) =>
        DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal);

    /// <summary>Runs the binding from <paramref name="start"/>, moving the clock to each tick it waits for.</summary>
    private static async Task<IReadOnlyList<(DateTimeOffset At, InputBindingEvent Event)>> FireAsync(string schedule, DateTimeOffset start, int count)
    {
        var clock = new ManualClock(start);
        var manifest = new ComponentManifest("schedule", "bindings.cron", "v1", new Dictionary<string, MetadataValue>(), [], null, "cron.yaml");
        var binding = new CronBinding(new ComponentContext(manifest, new Dictionary<string, string> { ["schedule"] = schedule },
            new RuntimeServices(Path.GetTempPath(), clock, NullLoggerFactory.Instance)));
        var events = new ConcurrentQueue<(DateTimeOffset At, InputBindingEvent Event)>();
        using var stop = new CancellationTokenSource();

        var running = binding.RunAsync((e, _) =>
        {
            events.Enqueue((clock.GetUtcNow(), e));
            return Task.FromResult(true);
        }, stop.Token);
        for (var tick = 1; tick <= count; tick++)
        {
            // A wait longer than one timer allows (@yearly) takes several timers, so the clock may move more than once.
            while (events.Count < tick)
            {
                await Eventually.UntilAsync(() => clock.NextDue is not null || events.Count >= tick, $"the binding to wait for tick {tick}", TimeSpan.FromSeconds(10));
                if (clock.NextDue is { } due) clock.MoveTo(due);
            }
        }
        events.Should().HaveCount(count);

        await stop.CancelAsync();
        await running.Invoking(r => r).Should().ThrowAsync<OperationCanceledException>();
        return [.. events];
    }
}
