using System.Collections.Concurrent;
using System.Net;
using Dapr.Client;
using LocalDapr;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Gateway.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Gateway.Tests.BuildingBlocks;

// https://docs.dapr.io/operations/security/app-api-token/: with APP_API_TOKEN set, the app accepts only requests
// carrying it in "dapr-api-token", which the sidecar adds to everything it sends the app.
public sealed class AppApiTokenTests : IAsyncLifetime
{
    private const string Token = "inventory-app-token";
    private const string PaidRoute = "/events/ordering/order-paid";

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
            app.MapSubscription<OrderPaid>(DaprComponents.PubSub, PaidRoute, app.Logger, (paid, _, _) =>
            {
                _delivered.Enqueue(paid.OrderId.ToString());
                return Task.CompletedTask;
            });
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

    // Issue 9: any app in the mesh could post a forged event to another app's subscription route by service invocation.
    [Fact]
    public async Task A_subscription_takes_what_its_own_sidecar_delivers_from_the_topic()
    {
        using var dapr = _service.CreateDaprClient();
        var paid = Paid();

        await dapr.PublishEventAsync(DaprComponents.PubSub, IntegrationEvent.Topic<OrderPaid>(), paid);

        await Eventually.UntilAsync(() => _delivered.Contains(paid.OrderId.ToString()), "the published event to reach the subscription");
    }

    [Fact]
    public async Task An_event_forged_through_service_invocation_is_a_403_problem_and_not_handled()
    {
        // Another app (here: any caller of the sidecar's invocation API) posting straight to the subscription route.
        using var client = DaprClient.CreateInvokeHttpClient("inventory", _service.Sidecar.HttpEndpoint.ToString());
        var forged = Paid();

        var problem = await (await client.PostAsJsonAsync(PaidRoute, forged, JsonConventions.Create())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        problem.Detail.Should().Be(TopicSubscription.RefusalDetail);
        _delivered.Should().NotContain(forged.OrderId.ToString());
    }

    [Fact]
    public async Task An_event_posted_around_the_sidecar_is_a_401_problem_and_not_handled()
    {
        var forged = Paid();

        await (await _direct.PostAsJsonAsync(PaidRoute, forged, JsonConventions.Create())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        _delivered.Should().NotContain(forged.OrderId.ToString());
    }

    private static OrderPaid Paid() => new() { OrderId = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), TotalMinor = 100, Currency = "EUR" };

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
