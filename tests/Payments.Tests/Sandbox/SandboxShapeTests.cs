using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Payments.Tests.Sandbox;

/// <summary>
/// The sandbox's raw answers against Stripe's documented shapes (https://docs.stripe.com/api): form-encoded requests,
/// JSON objects with their <c>object</c> names and field types, error objects, and the headers Stripe sends.
/// </summary>
public sealed class SandboxShapeTests : IDisposable
{
    private readonly SandboxHost _sandbox = SandboxHost.Start();
    private readonly HttpClient _http;

    public SandboxShapeTests()
    {
        _http = _sandbox.CreateHttpClient();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxHost.ApiKey);
        _http.DefaultRequestHeaders.Add("Stripe-Version", "2025-01-27.acacia");
    }

    public void Dispose()
    {
        _http.Dispose();
        _sandbox.Dispose();
    }

    private async Task<(HttpResponseMessage Response, JsonElement Json)> PostAsync(string path, Dictionary<string, string> form)
    {
        var response = await _http.PostAsync(path, new FormUrlEncodedContent(form));
        return (response, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task A_payment_intent_has_the_documented_fields_and_types()
    {
        var (response, intent) = await PostAsync("/v1/payment_intents", new()
        {
            ["amount"] = "2000",
            ["currency"] = "eur",
            ["automatic_payment_methods[enabled]"] = "true",
            ["metadata[order_id]"] = "o-1",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Request-Id").Single().Should().StartWith("req_");
        response.Headers.GetValues("Stripe-Version").Single().Should().Be("2025-01-27.acacia");
        intent.GetProperty("object").GetString().Should().Be("payment_intent");
        intent.GetProperty("id").GetString().Should().StartWith("pi_");
        intent.GetProperty("amount").ValueKind.Should().Be(JsonValueKind.Number);
        intent.GetProperty("amount_received").GetInt64().Should().Be(0);
        intent.GetProperty("currency").GetString().Should().Be("eur");
        intent.GetProperty("status").GetString().Should().Be("requires_payment_method");
        intent.GetProperty("capture_method").GetString().Should().Be("automatic");
        intent.GetProperty("automatic_payment_methods").GetProperty("enabled").GetBoolean().Should().BeTrue();
        intent.GetProperty("metadata").GetProperty("order_id").GetString().Should().Be("o-1");
        intent.GetProperty("livemode").GetBoolean().Should().BeFalse();
        intent.GetProperty("created").ValueKind.Should().Be(JsonValueKind.Number);
        foreach (var nullable in new[] { "last_payment_error", "next_action", "latest_charge", "payment_method", "canceled_at", "cancellation_reason" })
            intent.GetProperty(nullable).ValueKind.Should().Be(JsonValueKind.Null, nullable);
    }

    [Fact]
    public async Task A_card_error_is_a_402_error_object_carrying_the_payment_intent()
    {
        var (_, intent) = await PostAsync("/v1/payment_intents", new() { ["amount"] = "2000", ["currency"] = "eur" });

        var (response, body) = await PostAsync($"/v1/payment_intents/{intent.GetProperty("id").GetString()}/confirm", new() { ["payment_method"] = "pm_card_chargeDeclined" });

        response.StatusCode.Should().Be(HttpStatusCode.PaymentRequired);
        var error = body.GetProperty("error");
        error.GetProperty("type").GetString().Should().Be("card_error");
        error.GetProperty("code").GetString().Should().Be("card_declined");
        error.GetProperty("decline_code").GetString().Should().Be("generic_decline");
        error.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        error.GetProperty("charge").GetString().Should().StartWith("ch_");
        error.GetProperty("payment_intent").GetProperty("status").GetString().Should().Be("requires_payment_method");
        error.GetProperty("payment_method").GetProperty("card").GetProperty("last4").GetString().Should().Be("0002");
    }

    [Fact]
    public async Task An_unknown_parameter_is_named_in_an_invalid_request_error()
    {
        var (response, body) = await PostAsync("/v1/payment_intents", new() { ["amount"] = "2000", ["currency"] = "eur", ["colour"] = "red" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error").GetProperty("type").GetString().Should().Be("invalid_request_error");
        body.GetProperty("error").GetProperty("code").GetString().Should().Be("parameter_unknown");
        body.GetProperty("error").GetProperty("param").GetString().Should().Be("colour");
    }

    [Fact]
    public async Task A_refund_and_its_events_have_the_documented_shape()
    {
        var (_, intent) = await PostAsync("/v1/payment_intents", new() { ["amount"] = "2000", ["currency"] = "eur", ["payment_method"] = "pm_card_visa", ["confirm"] = "true" });
        intent.GetProperty("status").GetString().Should().Be("succeeded");

        var (_, refund) = await PostAsync("/v1/refunds", new() { ["payment_intent"] = intent.GetProperty("id").GetString()!, ["amount"] = "500" });

        refund.GetProperty("object").GetString().Should().Be("refund");
        refund.GetProperty("id").GetString().Should().StartWith("re_");
        refund.GetProperty("charge").GetString().Should().Be(intent.GetProperty("latest_charge").GetString());
        refund.GetProperty("status").GetString().Should().Be("succeeded");
        var events = await _http.GetFromJsonAsync<JsonElement>("/v1/events?type=refund.created");
        events.GetProperty("object").GetString().Should().Be("list");
        var created = events.GetProperty("data")[0];
        created.GetProperty("object").GetString().Should().Be("event");
        created.GetProperty("api_version").GetString().Should().Be("2025-01-27.acacia", "events carry the API version the objects were created with");
        created.GetProperty("data").GetProperty("object").GetProperty("id").GetString().Should().Be(refund.GetProperty("id").GetString());
        var one = await _http.GetFromJsonAsync<JsonElement>($"/v1/events/{created.GetProperty("id").GetString()}");
        one.GetProperty("type").GetString().Should().Be("refund.created");
    }
}
