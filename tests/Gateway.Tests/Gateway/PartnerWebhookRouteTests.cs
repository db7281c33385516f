using System.Net;
using System.Text;
using LocalDapr;
using SpaceOfSport.Gateway.Tests.Infrastructure;

namespace SpaceOfSport.Gateway.Tests.Gateway;

/// <summary>
/// Partners' signed webhooks reach the app that verifies them, unchanged: Stripe's reach payments (whose own REST API
/// stays internal), delivery partners' reach ordering, the storefront server's usage events reach analytics.
/// </summary>
public sealed class PartnerWebhookRouteTests : IAsyncLifetime
{
    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private FakeService _payments = null!;
    private FakeService _ordering = null!;
    private FakeService _analytics = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _payments = await FakeService.StartAsync(_runtime, "payments", "payments-app-token");
        _ordering = await FakeService.StartAsync(_runtime, "ordering", "ordering-app-token");
        _analytics = await FakeService.StartAsync(_runtime, "analytics", "analytics-app-token");
        _gateway = await GatewayHost.StartAsync(_runtime);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _payments.DisposeAsync();
        await _ordering.DisposeAsync();
        await _analytics.DisposeAsync();
        await _runtime.DisposeAsync();
    }

    [Fact]
    public async Task A_webhook_post_reaches_payments_unchanged_with_its_signature()
    {
        const string payload = """{"id":"evt_1","object":"event"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", "t=1,v1=abc");

        var echo = await (await _gateway.Client.SendAsync(request)).ShouldBeEchoAsync();

        echo.Method.Should().Be("POST");
        echo.Path.Should().Be("/webhooks/stripe");
        echo.Header("Stripe-Signature").Should().Be("t=1,v1=abc");
        echo.BodyLength.Should().Be(Encoding.UTF8.GetByteCount(payload));
    }

    [Fact]
    public async Task A_delivery_partner_webhook_reaches_ordering_unchanged_with_its_signature_headers()
    {
        const string payload = """{"type":"shipment.delivered","data":{"orderNumber":"SOS-2026-000001"}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/delivery") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", "msg_1");
        request.Headers.Add("webhook-timestamp", "1764500000");
        request.Headers.Add("webhook-signature", "v1,c2lnbmF0dXJl");

        var echo = await (await _gateway.Client.SendAsync(request)).ShouldBeEchoAsync();

        echo.Method.Should().Be("POST");
        echo.Path.Should().Be("/webhooks/delivery");
        echo.Header("webhook-id").Should().Be("msg_1");
        echo.Header("webhook-timestamp").Should().Be("1764500000");
        echo.Header("webhook-signature").Should().Be("v1,c2lnbmF0dXJl");
        echo.BodyLength.Should().Be(Encoding.UTF8.GetByteCount(payload));
    }

    [Fact]
    public async Task A_batch_of_usage_events_reaches_analytics_unchanged_with_its_signature_headers()
    {
        const string payload = """{"events":[{"type":"page-viewed","path":"/"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/events") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", "msg_2");
        request.Headers.Add("webhook-timestamp", "1764500000");
        request.Headers.Add("webhook-signature", "v1,c2lnbmF0dXJl");

        var echo = await (await _gateway.Client.SendAsync(request)).ShouldBeEchoAsync();

        echo.Method.Should().Be("POST");
        echo.Path.Should().Be("/webhooks/events");
        echo.Header("webhook-id").Should().Be("msg_2");
        echo.Header("webhook-signature").Should().Be("v1,c2lnbmF0dXJl");
        echo.BodyLength.Should().Be(Encoding.UTF8.GetByteCount(payload));
    }

    [Fact]
    public async Task Payments_internal_api_is_not_reachable_from_outside()
    {
        var problem = await (await _gateway.Client.GetAsync($"/api/payments/payments/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.Title.Should().Be("Unknown service");
    }
}
