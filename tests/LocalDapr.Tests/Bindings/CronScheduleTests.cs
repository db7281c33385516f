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
    [Theory]
    [InlineData("*/15 * * * * *")]
    [InlineData("0 30 9 * * MON-FRI")]
    [InlineData("0 3 * * *")]
    [InlineData("@every 15s")]
    [InlineData("@every 1h30m")]
    [InlineData("@daily")]
    [InlineData("@hourly")]
    [InlineData("@yearly")]
    [InlineData("CRON_TZ=UTC 0 0 6 * * *")]
    public async Task Schedules_daprd_accepts_are_accepted(string schedule)
    {
        using var folder = ComponentsFolder.Create(BindingComponents.Cron("schedule", schedule));
        await using var runtime = LocalDaprRuntime.Create();

        var sidecar = await runtime.StartSidecarAsync(new SidecarOptions { AppId = "cron-app", ResourcesPaths = [folder.Path] });

        sidecar.Components.Find<IInputBinding>("schedule", "cron-app").Should().NotBeNull();
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
        var clock = new ManualClock(DateTimeOffset.Parse(start, CultureInfo.InvariantCulture));
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
        await Eventually.UntilAsync(() => clock.NextDue is not null, "the binding to wait for its first tick", TimeSpan.FromSeconds(10));
        clock.MoveTo(clock.NextDue!.Value);
        await Eventually.UntilAsync(() => !events.IsEmpty, "the first event", TimeSpan.FromSeconds(10));
        await stop.CancelAsync();

        var fired = events.Should().ContainSingle().Which;
        fired.At.Should().Be(DateTimeOffset.Parse(firstEvent, CultureInfo.InvariantCulture));
        fired.Event.Metadata.Should().ContainKeys("timeZone", "readTimeUTC");
        await running.Invoking(r => r).Should().ThrowAsync<OperationCanceledException>();
    }
}
