using LocalDapr.Components;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;

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

        sidecar.Components.Find<LocalDapr.Bindings.IInputBinding>("schedule", "cron-app").Should().NotBeNull();
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
}
