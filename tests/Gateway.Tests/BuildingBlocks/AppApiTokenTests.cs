using System.Collections.Concurrent;
using System.Net;
using Dapr.Client;
using LocalDapr;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Gateway.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Gateway.Tests.BuildingBlocks;

// https://docs.dapr.io/operations/security/app-api-token/: with APP_API_TOKEN set, the app accepts only requests
// carrying it in "dapr-api-token", which the sidecar adds to everything it sends the app.
public sealed class AppApiTokenTests : IAsyncLifetime
{
    private const string Token = "inventory-app-token";

    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private readonly ConcurrentQueue<string> _delivered = new();
    private string _components = null!;
    private FakeService _service = null!;
    private HttpClient _direct = null!;

    public async Task InitializeAsync()
    {
        _components = await TestComponents.CreateFolderAsync("app-api-token", TestComponents.InMemoryPubSub);
        _service = await FakeService.StartAsync(_runtime, "inventory", Token, map: app =>
        {
            app.MapPost("/events/orders", (OrderPlaced order) => _delivered.Enqueue(order.OrderId)).WithTopic(DaprComponents.PubSub, "orders");
            RequestEcho.MapEcho(app);
        }, resourcesPaths: [_components]);
        _direct = new HttpClient { BaseAddress = _service.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _direct.Dispose();
        await _service.DisposeAsync();
        await _runtime.DisposeAsync();
        Directory.Delete(_components, recursive: true);
    }

    private sealed record OrderPlaced(string OrderId);

    [Fact]
    public async Task A_call_through_the_sidecar_is_let_in()
    {
        // The SDK's invocation client: requests to http://inventory/... go to the sidecar with "dapr-app-id: inventory".
        using var client = DaprClient.CreateInvokeHttpClient("inventory", _service.Sidecar.HttpEndpoint.ToString());

        var echo = await (await client.GetAsync("/api/stock/SKU-1")).ShouldBeEchoAsync();

        echo.Path.Should().Be("/api/stock/SKU-1");
    }

    [Fact]
    public async Task An_event_the_sidecar_delivers_is_let_in()
    {
        using var dapr = _service.CreateDaprClient();

        await dapr.PublishEventAsync(DaprComponents.PubSub, "orders", new OrderPlaced("order-1"));

        await Eventually.UntilAsync(() => _delivered.Contains("order-1"), "the event to reach the subscriber behind the token");
    }

    [Fact]
    public async Task A_call_around_the_sidecar_is_a_401_problem()
    {
        await (await _direct.GetAsync("/api/stock/SKU-1")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_token_is_a_401_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe");
        request.Headers.Add("dapr-api-token", "guessed");

        await (await _direct.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_probes_need_no_token()
    {
        (await _direct.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _direct.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
