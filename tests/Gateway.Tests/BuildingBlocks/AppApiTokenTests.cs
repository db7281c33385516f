using System.Net;
using Dapr.Client;
using LocalDapr;
using SpaceOfSport.Gateway.Tests.Infrastructure;

namespace SpaceOfSport.Gateway.Tests.BuildingBlocks;

// https://docs.dapr.io/operations/security/app-api-token/: with APP_API_TOKEN set, the app accepts only requests
// carrying it in "dapr-api-token", which the sidecar adds to everything it sends the app.
public sealed class AppApiTokenTests : IAsyncLifetime
{
    private const string Token = "inventory-app-token";

    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private FakeService _service = null!;
    private HttpClient _direct = null!;

    public async Task InitializeAsync()
    {
        _service = await FakeService.StartAsync(_runtime, "inventory", Token);
        _direct = new HttpClient { BaseAddress = _service.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _direct.Dispose();
        await _service.DisposeAsync();
        await _runtime.DisposeAsync();
    }

    [Fact]
    public async Task A_call_through_the_sidecar_is_let_in()
    {
        // The SDK's invocation client: requests to http://inventory/... go to the sidecar with "dapr-app-id: inventory".
        using var client = DaprClient.CreateInvokeHttpClient("inventory", _service.Sidecar.HttpEndpoint.ToString());

        var echo = await (await client.GetAsync("/api/stock/SKU-1")).ShouldBeEchoAsync();

        echo.Path.Should().Be("/api/stock/SKU-1");
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
