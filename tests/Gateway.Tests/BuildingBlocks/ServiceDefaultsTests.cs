using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Gateway.Tests.Infrastructure;

namespace SpaceOfSport.Gateway.Tests.BuildingBlocks;

/// <summary>A service on the defaults whose sidecar is not there: errors, health and JSON still behave.</summary>
public sealed class ServiceDefaultsTests : IAsyncLifetime
{
    private PlainApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await PlainApp.StartAsync(
            app =>
            {
                app.MapGet("/boom", string () => throw new InvalidOperationException("connection string Password=hunter2 leaked"));
                app.MapGet("/state", string () => throw new DependencyUnavailableException("state store", new TimeoutException("Password=hunter2")));
                app.MapPost("/shipments", (Shipment shipment) => shipment);
                app.MapDefaultEndpoints();
            },
            builder =>
            {
                builder.Configuration["DAPR_HTTP_ENDPOINT"] = PlainApp.Nowhere().ToString();
                builder.AddServiceDefaults();
            });
        _client = new HttpClient { BaseAddress = _app.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_that_tells_nothing_of_the_exception()
    {
        using var response = await _client.GetAsync("/boom");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain("hunter2").And.NotContain("InvalidOperationException").And.NotContain(" at ");
        problem.Extensions.Should().ContainKey("traceId");
    }

    // Issue 9: notifications' alerts answered 500 when its state store did not answer (only cart and ordering mapped it).
    [Fact]
    public async Task A_dependency_that_did_not_answer_is_a_503_problem_with_retry_after_naming_it()
    {
        using var response = await _client.GetAsync("/state");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.Detail.Should().StartWith("state store did not answer");
        response.ShouldSayRetryAfterAFewSeconds();
        (await response.Content.ReadAsStringAsync()).Should().NotContain("hunter2");
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_problem()
    {
        using var response = await _client.PostAsync("/shipments", new StringContent("{\"carrier\": ", Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        await (await _client.GetAsync("/no/such/thing")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Json_is_camel_case_with_enums_as_strings()
    {
        using var response = await _client.PostAsync("/shipments", new StringContent("""{"carrier":"dhl","status":"InTransit"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"carrier":"dhl","status":"InTransit"}""");
    }

    // https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-cloudevents/: a delivery's
    // CloudEvent envelope is unwrapped, so the handler binds the event's data.
    [Fact]
    public async Task A_cloud_event_delivery_reaches_the_handler_as_its_data()
    {
        const string envelope = """
            {"specversion":"1.0","id":"5b1c","source":"ordering","type":"spaceofsport.ordering.order-shipped.v1",
             "datacontenttype":"application/json","topic":"ordering-order-shipped-v1","pubsubname":"pubsub",
             "data":{"carrier":"dhl","status":"Packed"}}
            """;

        using var response = await _client.PostAsync("/shipments", new StringContent(envelope, Encoding.UTF8, "application/cloudevents+json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"carrier":"dhl","status":"Packed"}""");
    }

    // https://docs.dapr.io/reference/api/health_api/: without its sidecar the app is alive but not ready.
    [Fact]
    public async Task Without_a_sidecar_the_app_is_live_but_not_ready()
    {
        using var live = await _client.GetAsync(SpaceOfSport.BuildingBlocks.HealthPaths.Liveness);
        using var ready = await _client.GetAsync(SpaceOfSport.BuildingBlocks.HealthPaths.Readiness);

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Unhealthy");
    }

    [Fact]
    public async Task Problems_are_answered_even_to_clients_that_ask_for_html()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/boom");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.8));

        await (await _client.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
    }

    public enum ShipmentStatus
    {
        Packed,
        InTransit,
    }

    public sealed record Shipment(string Carrier, ShipmentStatus Status);
}
