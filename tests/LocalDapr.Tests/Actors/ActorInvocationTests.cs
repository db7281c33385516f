using System.Net;
using System.Text.Json.Nodes;
using Dapr.Actors;
using Dapr.Actors.Client;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Actors;

// Contract: https://docs.dapr.io/reference/api/actors_api/ and
// https://docs.dapr.io/developing-applications/building-blocks/actors/actors-features-concepts/
public sealed class ActorInvocationTests
{
    [Fact]
    public async Task Remoting_call_reaches_the_actor_and_returns_its_result()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, new ActorProbe());
        var actor = ActorApps.Proxy(app, "remoting-1");

        (await actor.IncrementAsync()).Should().Be(1);
        (await actor.IncrementAsync()).Should().Be(2);
        (await ActorApps.Proxy(app, "remoting-2").IncrementAsync()).Should().Be(1, "each actor id has its own state");
    }

    [Fact]
    public async Task Non_remoting_call_sends_and_returns_json()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, new ActorProbe());
        var proxy = ActorProxy.Create(new ActorId("json-1"), nameof(TestActor), ActorApps.Options(app));

        (await proxy.InvokeMethodAsync<int>(nameof(ITestActor.IncrementAsync))).Should().Be(1);
        (await proxy.InvokeMethodAsync<int, int>(nameof(ITestActor.HoldTurnAsync), 1)).Should().Be(0);
        (await proxy.InvokeMethodAsync<int>(nameof(ITestActor.GetCountAsync))).Should().Be(1);
    }

    [Fact]
    public async Task State_persists_across_deactivation()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        var probe = new ActorProbe();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, probe, idleTimeout: TimeSpan.FromSeconds(1));
        var actor = ActorApps.Proxy(app, "persistent-1");
        await actor.IncrementAsync();
        await actor.IncrementAsync();

        await ActorProbe.WaitUntilAsync(() => probe.Events("deactivated", "persistent-1").Count == 1, "the idle actor to be deactivated");

        (await actor.GetCountAsync()).Should().Be(2, "a new activation reads the state the old one saved");
        using var http = ActorApps.RawClient(app);
        (await http.GetStringAsync("/v1.0/actors/TestActor/persistent-1/state/count")).Should().Be("2");
    }

    [Fact]
    public async Task Idle_actor_is_deactivated_after_the_idle_timeout()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        var probe = new ActorProbe();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, probe, idleTimeout: TimeSpan.FromSeconds(1));

        await ActorApps.Proxy(app, "idle-1").IncrementAsync();
        var lastCall = DateTimeOffset.UtcNow;

        await ActorProbe.WaitUntilAsync(() => probe.Events("deactivated", "idle-1").Count == 1, "OnDeactivateAsync of the idle actor");
        (probe.Events("deactivated", "idle-1")[0].At - lastCall).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task Parallel_calls_to_one_actor_never_overlap()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        var probe = new ActorProbe();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, probe);
        var actor = ActorApps.Proxy(app, "turns-1");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => actor.HoldTurnAsync(80)));

        probe.Overlaps.Should().Be(0);
        probe.MaxRunning.Should().Be(1);
    }

    [Fact]
    public async Task Calls_to_different_actors_run_in_parallel()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        var probe = new ActorProbe();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, probe);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => ActorApps.Proxy(app, $"parallel-{i}").HoldTurnAsync(400)));

        probe.MaxRunning.Should().BeGreaterThan(1);
        probe.Overlaps.Should().Be(0);
    }

    [Fact]
    public async Task Several_apps_host_one_type_and_each_id_stays_on_one_of_them()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        var probe = new ActorProbe();
        await using var first = await ActorApps.StartAsync(runtime, folder.Path, probe, appId: "scaled-app");
        await using var second = await ActorApps.StartAsync(runtime, folder.Path, probe, appId: "scaled-app");

        var hosts = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            var viaFirst = await ActorApps.Proxy(first, $"placed-{i}").WhereAsync();
            (await ActorApps.Proxy(second, $"placed-{i}").WhereAsync()).Should().Be(viaFirst, "an active actor lives on one host, whichever sidecar is called");
            hosts.Add(viaFirst);
        }

        hosts.Should().HaveCount(2, "ids are spread over the hosts of the type");
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => ActorApps.Proxy(i % 2 == 0 ? first : second, "placed-0").HoldTurnAsync(50)));
        probe.Overlaps.Should().Be(0, "the turn is kept across sidecars");
    }

    [Fact]
    public async Task Reentrant_call_in_the_same_chain_enters_the_turn()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, new ActorProbe(), reentrancy: true);

        // Without reentrancy the nested call would wait for the turn its own caller holds.
        (await ActorApps.Proxy(app, "reentrant-1").CallSelfAsync(3).WaitAsync(TimeSpan.FromSeconds(20))).Should().Be(3);
    }

    [Fact]
    public async Task Actor_exception_surfaces_to_the_caller()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, new ActorProbe());

        var remoting = () => ActorApps.Proxy(app, "failing-1").FailAsync("boom");
        (await remoting.Should().ThrowAsync<ActorMethodInvocationException>()).Which.InnerException!.Message.Should().Contain("boom");

    }

    // https://docs.dapr.io/reference/api/actors_api/#invoke-actor-method and https://docs.dapr.io/reference/api/error_codes/:
    // a failing non-remoting method is answered by daprd as a 500 with ERR_ACTOR_INVOKE_METHOD (dapr/dapr
    // pkg/api/http/actors.go, pkg/actors/targets/app/transport/http), which the SDK reads into a DaprApiException with
    // that error code, not the app's raw 500.
    [Fact]
    public async Task A_failing_non_remoting_method_is_answered_as_err_actor_invoke_method()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, new ActorProbe());
        var json = ActorProxy.Create(new ActorId("failing-2"), nameof(TestActor), ActorApps.Options(app));

        var failure = await json.Invoking(p => p.InvokeMethodAsync(nameof(ITestActor.FailAsync), "boom")).Should().ThrowAsync<Dapr.DaprApiException>();

        failure.Which.ErrorCode.Should().Be("ERR_ACTOR_INVOKE_METHOD");
        failure.Which.Message.Should().StartWith("error invoke actor method: error from actor service: (500)");
        using var http = ActorApps.RawClient(app);
        using var raw = await http.PutAsync("/v1.0/actors/TestActor/failing-3/method/FailAsync", JsonContent.Create("boom"));
        raw.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await raw.Content.ReadFromJsonAsync<JsonObject>())!["errorCode"]!.GetValue<string>().Should().Be("ERR_ACTOR_INVOKE_METHOD");
    }

    [Fact]
    public async Task Unknown_actor_type_is_an_error()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, new ActorProbe());
        var proxy = ActorProxy.Create<ITestActor>(new ActorId("x"), "NoSuchActor", ActorApps.Options(app));

        (await proxy.Invoking(p => p.IncrementAsync()).Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("NoSuchActor");
    }

    [Fact]
    public async Task Without_an_actor_state_store_actor_calls_fail_clearly()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, new ActorProbe());

        (await ActorApps.Proxy(app, "storeless-1").Invoking(p => p.IncrementAsync()).Should().ThrowAsync<Exception>())
            .Which.Message.Should().Contain("actorStateStore");
    }

    [Fact]
    public async Task Actor_state_with_ttl_expires()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryActorState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await ActorApps.StartAsync(runtime, folder.Path, new ActorProbe());
        using var http = ActorApps.RawClient(app);

        await ActorApps.Proxy(app, "ttl-1").SetExpiringStateAsync("token", "abc", 1);

        (await http.GetStringAsync("/v1.0/actors/TestActor/ttl-1/state/token")).Should().Be("\"abc\"");
        await ActorProbe.WaitUntilAsync(
            async () => (await http.GetAsync("/v1.0/actors/TestActor/ttl-1/state/token")).StatusCode == HttpStatusCode.NoContent,
            "the state to expire after ttlInSeconds");
    }
}
