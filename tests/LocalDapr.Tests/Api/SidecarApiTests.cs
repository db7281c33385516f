using System.Net;
using System.Text.Json.Nodes;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using LocalDapr.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Api;

// Contracts: https://docs.dapr.io/reference/api/health_api/, https://docs.dapr.io/reference/api/metadata_api/,
// https://docs.dapr.io/operations/security/api-token/, https://docs.dapr.io/operations/security/app-api-token/,
// https://docs.dapr.io/operations/components/component-scopes/, https://docs.dapr.io/reference/api/shutdown_api/
public sealed class SidecarApiTests
{
    [Fact]
    public async Task Health_endpoints_answer_204_and_the_sdk_sees_a_healthy_sidecar()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "health", folder.Path);
        using var http = new HttpClient { BaseAddress = app.Sidecar.HttpEndpoint };

        (await http.GetAsync(new Uri("/v1.0/healthz", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await http.GetAsync(new Uri("/v1.0/healthz/outbound", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        // The actors SDK calls "//v1.0/..." when its endpoint has no trailing slash; daprd takes it.
        (await http.GetAsync(new Uri($"{app.Sidecar.HttpEndpoint.ToString().TrimEnd('/')}//v1.0/healthz"))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.Client.CheckHealthAsync()).Should().BeTrue();
        await app.Client.WaitForSidecarAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Metadata_names_the_app_and_its_components()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState, Backends.InMemoryPubSub);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "meta", folder.Path);

        var metadata = await app.Client.GetMetadataAsync();

        metadata.Id.Should().Be("meta");
        metadata.Components.Select(c => (c.Name, c.Type)).Should().BeEquivalentTo(new[] { ("statestore", "state.in-memory"), ("pubsub", "pubsub.in-memory") });
    }

    // https://docs.dapr.io/reference/api/metadata_api/: the loaded subscriptions (programmatic and declarative) with
    // their routes, component capabilities, app connection, custom attributes, and the runtime's own version.
    [Fact]
    public async Task Metadata_lists_subscriptions_capabilities_attributes_and_an_honest_version()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState, Backends.InMemoryPubSub, """
            apiVersion: dapr.io/v2alpha1
            kind: Subscription
            metadata:
              name: refunds
            spec:
              pubsubname: pubsub
              topic: refunds
              routes:
                default: /refunds
            """);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "meta", folder.Path, map: web =>
        {
            web.MapSubscribeHandler();
            web.MapPost("/orders", () => Results.Ok()).WithTopic("pubsub", "orders");
        });
        await app.Client.SetMetadataAsync("team", "checkout");
        using var http = new HttpClient { BaseAddress = app.Sidecar.HttpEndpoint };

        var metadata = (await http.GetFromJsonAsync<JsonObject>("/v1.0/metadata"))!;

        metadata["runtimeVersion"]!.GetValue<string>().Should().StartWith("local-dapr/");
        var subscriptions = metadata["subscriptions"]!.AsArray().Select(s => s!.AsObject()).ToList();
        subscriptions.Select(s => (s["topic"]!.GetValue<string>(), s["type"]!.GetValue<string>()))
            .Should().BeEquivalentTo([("orders", "PROGRAMMATIC"), ("refunds", "DECLARATIVE")]);
        subscriptions.Single(s => s["topic"]!.GetValue<string>() == "refunds")["rules"]![0]!["path"]!.GetValue<string>().Should().Be("/refunds");
        metadata["components"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "statestore")!["capabilities"]!.AsArray()
            .Select(c => c!.GetValue<string>()).Should().Contain(["ETAG", "TRANSACTION"]);
        metadata["appConnectionProperties"]!["port"]!.GetValue<int>().Should().Be(app.Sidecar.Options.AppPort);
        metadata["extended"]!["team"]!.GetValue<string>().Should().Be("checkout");
        (await app.Client.GetMetadataAsync()).Extended.Should().Contain("team", "checkout");
    }

    [Fact]
    public async Task Dapr_api_token_is_required_on_both_protocols_except_for_health()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "guarded", folder.Path, tweak: o => o with { DaprApiToken = "s3cret-token" });

        await app.Client.SaveStateAsync("statestore", "k", "with the token");
        using var anonymous = new DaprClientBuilder().UseGrpcEndpoint(app.Sidecar.GrpcEndpoint.ToString()).UseHttpEndpoint(app.Sidecar.HttpEndpoint.ToString()).Build();
        var withoutToken = () => anonymous.GetStateAsync<string>("statestore", "k");
        (await withoutToken.Should().ThrowAsync<DaprException>()).Which.InnerException.Should().BeOfType<RpcException>()
            .Which.StatusCode.Should().Be(StatusCode.Unauthenticated);

        using var http = new HttpClient { BaseAddress = app.Sidecar.HttpEndpoint };
        (await http.GetAsync(new Uri("/v1.0/metadata", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await http.GetAsync(new Uri("/v1.0/healthz", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await http.GetAsync(new Uri("/v1.0/healthz/outbound", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        // daprd opens exactly those two, and only to GET (pkg/api/http/middlewares.go): nothing under or beside them.
        (await http.PostAsync(new Uri("/v1.0/healthz", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await http.GetAsync(new Uri("/v1.0/healthz/anything", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Scopes_hide_a_component_from_apps_not_named()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState + "\nscopes:\n  - owner\n");
        await using var runtime = LocalDaprRuntime.Create();
        await using var owner = await DaprTestApp.StartAsync(runtime, "owner", folder.Path);
        await using var stranger = await DaprTestApp.StartAsync(runtime, "stranger", folder.Path);

        await owner.Client.SaveStateAsync("statestore", "k", "mine");
        var read = () => stranger.Client.GetStateAsync<string>("statestore", "k");

        (await read.Should().ThrowAsync<DaprException>()).Which.InnerException.Should().BeOfType<RpcException>()
            .Which.Status.Should().Match<Status>(s => s.StatusCode == StatusCode.InvalidArgument && s.Detail.Contains("statestore is not found"));
        (await stranger.Client.GetMetadataAsync()).Components.Should().BeEmpty();
    }

    [Fact]
    public async Task Shutdown_api_stops_the_sidecar()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "stopper", folder.Path);

        using var http = new HttpClient { BaseAddress = app.Sidecar.HttpEndpoint };
        (await http.GetAsync(new Uri("/v1.0/healthz", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await app.Client.ShutdownSidecarAsync();

        await Eventually.UntilAsync(async () => !await AnswersAsync(http), "the sidecar's HTTP port to stop answering", TimeSpan.FromSeconds(10));
        var grpc = () => app.Client.GetMetadataAsync();
        await grpc.Should().ThrowAsync<DaprException>("the gRPC port is closed too");
    }

    [Fact]
    public async Task App_health_checks_notice_an_unhealthy_app_and_its_recovery()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        var healthy = true;
        await using var app = await DaprTestApp.StartAsync(runtime, "probed", folder.Path,
            map: a => a.MapGet("/healthz", () => healthy ? Results.Ok() : Results.StatusCode(503)),
            tweak: o => o with { EnableAppHealthCheck = true, AppHealthProbeInterval = TimeSpan.FromMilliseconds(100) });

        app.Sidecar.AppHealthy.Should().BeTrue();
        healthy = false;
        await Eventually.ReturnsAsync(() => Task.FromResult(app.Sidecar.AppHealthy), h => !h, TimeSpan.FromSeconds(10));
        var held = app.Sidecar.WaitUntilAppHealthyAsync(CancellationToken.None);
        held.IsCompleted.Should().BeFalse();

        healthy = true;
        await held.WaitAsync(TimeSpan.FromSeconds(10));
        app.Sidecar.AppHealthy.Should().BeTrue();
    }

    [Fact]
    public async Task Deliveries_wait_while_the_app_is_unhealthy()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryPubSub);
        await using var runtime = LocalDaprRuntime.Create();
        var healthy = true;
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var app = await DaprTestApp.StartAsync(runtime, "held", folder.Path,
            map: a =>
            {
                a.UseCloudEvents();
                a.MapSubscribeHandler();
                a.MapGet("/healthz", () => healthy ? Results.Ok() : Results.StatusCode(503));
                a.MapPost("/orders", (Order order) => received.Enqueue(order.Id)).WithTopic("pubsub", "orders");
            },
            tweak: o => o with { EnableAppHealthCheck = true, AppHealthProbeInterval = TimeSpan.FromMilliseconds(100) });

        healthy = false;
        await Eventually.ReturnsAsync(() => Task.FromResult(app.Sidecar.AppHealthy), h => !h, TimeSpan.FromSeconds(10));
        await app.Client.PublishEventAsync("pubsub", "orders", new Order("o-1"));
        await Task.Delay(TimeSpan.FromSeconds(1)); // several probe rounds: nothing may arrive meanwhile
        received.Should().BeEmpty("the sidecar holds deliveries to an unhealthy app");

        healthy = true;
        await Eventually.ReturnsAsync(() => Task.FromResult(received.ToArray()), r => r.Length > 0, TimeSpan.FromSeconds(10));
        received.Should().Equal("o-1");
    }

    private sealed record Order(string Id);

    private static async Task<bool> AnswersAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/v1.0/healthz", UriKind.Relative));
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
