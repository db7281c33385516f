using System.Text;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Actors;

// Contract: https://docs.dapr.io/developing-applications/building-blocks/actors/actors-timers-reminders/ and
// https://docs.dapr.io/reference/api/actors_api/ (reminders, timers)
public sealed class ActorReminderTests
{
    [Fact]
    public async Task Reminder_without_period_fires_once_with_its_data()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        var probe = new ActorProbe();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, probe);
        var actor = ActorApps.Proxy(app, "once-1");

        await actor.StartReminderAsync("once", 100, -1);

        await ActorProbe.WaitUntilAsync(() => probe.Events("reminder", "once-1", "once").Count == 1, "the reminder to fire");
        probe.Events("reminder", "once-1", "once")[0].Data.Should().Be("data-of-once");
        await ActorProbe.WaitUntilAsync(async () => !await actor.HasReminderAsync("once"), "the fired one-shot reminder to be removed");
    }

    // https://docs.dapr.io/operations/resiliency/health-checks/app-health/: while the app fails its health checks the
    // sidecar holds deliveries to it; a reminder due meanwhile fires once the app is healthy again.
    [Fact]
    public async Task A_reminder_due_while_the_app_is_unhealthy_waits_for_it()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        var probe = new ActorProbe();
        var healthy = true;
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, probe, healthy: () => Volatile.Read(ref healthy));
        Volatile.Write(ref healthy, false);
        await ActorProbe.WaitUntilAsync(() => !app.Sidecar.AppHealthy, "the app seen as unhealthy");
        using var http = ActorApps.RawClient(app);

        using var registered = await http.PutAsJsonAsync("/v1.0/actors/TestActor/patient-1/reminders/later",
            new { dueTime = "0h0m0s100ms", period = "", data = Convert.ToBase64String(Encoding.UTF8.GetBytes("later")) });
        registered.EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(1));
        probe.Events("reminder", "patient-1", "later").Should().BeEmpty("the app is unhealthy");

        Volatile.Write(ref healthy, true);
        await ActorProbe.WaitUntilAsync(() => probe.Events("reminder", "patient-1", "later").Count == 1, "the reminder to fire once the app is healthy");
    }

    [Fact]
    public async Task Reminder_with_period_repeats_until_unregistered()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        var probe = new ActorProbe();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, probe);
        var actor = ActorApps.Proxy(app, "periodic-1");

        await actor.StartReminderAsync("tick", 50, 150);
        await ActorProbe.WaitUntilAsync(() => probe.Events("reminder", "periodic-1", "tick").Count >= 3, "three firings");
        (await actor.HasReminderAsync("tick")).Should().BeTrue();
        await actor.StopReminderAsync("tick");
        var stoppedAt = DateTimeOffset.UtcNow;

        // A later one-shot reminder of the same actor shows time went on without the stopped one firing again.
        await actor.StartReminderAsync("marker", 600, -1);
        await ActorProbe.WaitUntilAsync(() => probe.Events("reminder", "periodic-1", "marker").Count == 1, "the marker reminder");
        (await actor.HasReminderAsync("tick")).Should().BeFalse();
        probe.Events("reminder", "periodic-1", "tick").Should().NotContain(e => e.At > stoppedAt.AddMilliseconds(50));
    }

    [Fact]
    public async Task Iso_repetitions_limit_the_firings()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        var probe = new ActorProbe();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, probe);
        using var http = ActorApps.RawClient(app);
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("limited"));

        // The SDK has no call for sub-second ISO repetitions, so this registers through the HTTP API.
        using var response = await http.PutAsJsonAsync("/v1.0/actors/TestActor/repeat-1/reminders/limited",
            new { dueTime = "0h0m0s0ms", period = "R3/PT0.15S", data });
        response.EnsureSuccessStatusCode();
        await ActorProbe.WaitUntilAsync(() => probe.Events("reminder", "repeat-1", "limited").Count == 3, "three firings");

        await ActorApps.Proxy(app, "repeat-1").StartReminderAsync("marker", 500, -1);
        await ActorProbe.WaitUntilAsync(() => probe.Events("reminder", "repeat-1", "marker").Count == 1, "the marker reminder");
        probe.Events("reminder", "repeat-1", "limited").Should().HaveCount(3).And.OnlyContain(e => e.Data == "limited");
    }

    [Fact]
    public async Task Timer_calls_its_callback_until_unregistered()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        var probe = new ActorProbe();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, probe);
        var actor = ActorApps.Proxy(app, "timer-1");

        await actor.StartTimerAsync("beat", 50, 150);
        await ActorProbe.WaitUntilAsync(() => probe.Events("timer", "timer-1", "beat").Count >= 2, "two timer callbacks");
        await actor.StopTimerAsync("beat");
        var stoppedAt = DateTimeOffset.UtcNow;

        await actor.StartTimerAsync("marker", 500, -1);
        await ActorProbe.WaitUntilAsync(() => probe.Events("timer", "timer-1", "marker").Count == 1, "the one-shot marker timer");
        probe.Events("timer", "timer-1", "beat").Should().NotContain(e => e.At > stoppedAt.AddMilliseconds(50));
    }

    [Fact]
    public async Task Timers_die_with_deactivation_and_do_not_keep_the_actor_active()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        var probe = new ActorProbe();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, probe, idleTimeout: TimeSpan.FromSeconds(1));
        var actor = ActorApps.Proxy(app, "timer-2");

        await actor.StartTimerAsync("beat", 0, 100);
        await ActorProbe.WaitUntilAsync(() => probe.Events("deactivated", "timer-2").Count == 1, "the actor to be deactivated despite its timer");
        var deactivatedAt = probe.Events("deactivated", "timer-2")[0].At;

        await actor.StartReminderAsync("marker", 500, -1);
        await ActorProbe.WaitUntilAsync(() => probe.Events("reminder", "timer-2", "marker").Count == 1, "the marker reminder");
        probe.Events("timer", "timer-2", "beat").Should().NotBeEmpty().And.NotContain(e => e.At > deactivatedAt);
    }

    [Fact]
    public async Task Reminder_survives_a_restart_of_app_and_sidecar()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        await using (var first = await ActorApps.StartAsync(runtime, folder.Path, new ActorProbe(), appId: "restarting-app"))
        {
            await ActorApps.Proxy(first, "survivor-1").StartReminderAsync("later", 1500, -1);
        }

        var probe = new ActorProbe();
        await using var second = await ActorApps.StartAsync(runtime, folder.Path, probe, appId: "restarting-app");

        await ActorProbe.WaitUntilAsync(() => probe.Events("reminder", "survivor-1", "later").Count == 1, "the reminder to fire in the new app");
    }

    /// <summary>Needs a file-backed actor state store (<c>state.sqlite</c>), so the reminder outlives the runtime itself.</summary>
    [Fact]
    public async Task Reminder_survives_a_restart_of_the_runtime()
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("actorstore.yaml", Backends.SqliteActorState(Path.Combine(folder.Path, "actors.db")));
        await using (var runtime = LocalDaprRuntime.Create())
        await using (var app = await ActorApps.StartAsync(runtime, folder.Path, new ActorProbe(), appId: "crashing-app"))
        {
            await ActorApps.Proxy(app, "survivor-2").StartReminderAsync("after-crash", 3000, -1);
        }

        var probe = new ActorProbe();
        await using var restarted = LocalDaprRuntime.Create();
        await using var again = await ActorApps.StartAsync(restarted, folder.Path, probe, appId: "crashing-app");

        await ActorProbe.WaitUntilAsync(() => probe.Events("reminder", "survivor-2", "after-crash").Count == 1, "the reminder to fire after the restart");
    }
}
