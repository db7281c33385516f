using System.Net;
using System.Text;
using System.Text.Json;
using SpaceOfSport.Contracts.Events.Payments;
using SpaceOfSport.Payments.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using Stripe;

namespace SpaceOfSport.Payments.Tests.Payments;

/// <summary>
/// The webhook handler against Stripe's delivery guarantees (none about order or count) and against forgeries: the
/// sandbox's switches duplicate, delay and reorder; forged, stale and replayed requests are posted by hand.
/// </summary>
public sealed class StripeWebhookTests(PaymentsFixture fixture) : IClassFixture<PaymentsFixture>, IAsyncLifetime
{
    private PaymentsHost Host => fixture.Host;

    public Task InitializeAsync() => SwitchesAsync(new { });

    public Task DisposeAsync() => SwitchesAsync(new { });

    private async Task SwitchesAsync(object switches) =>
        (await Host.SandboxHttp.PutAsJsonAsync("/sandbox/webhooks/switches", switches)).EnsureSuccessStatusCode();

    private async Task<(Guid OrderId, string EventPayload)> PaidOrderAsync()
    {
        var orderId = Guid.CreateVersion7();
        var created = await Host.CreatePaymentAsync(orderId);
        await Host.ConfirmAsync(created, "pm_card_visa");
        await Host.WaitForStatusAsync(orderId, "succeeded");
        var events = await Host.Stripe.V1.Events.ListAsync(new EventListOptions { Type = "payment_intent.succeeded", Limit = 100 });
        var succeeded = events.Data.First(e => ((PaymentIntent)e.Data.Object).Metadata["order_id"] == orderId.ToString());
        var raw = await Host.SandboxHttp.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/events/{succeeded.Id}")
        {
            Headers = { { "Authorization", $"Bearer {SandboxHost.ApiKey}" } },
        });
        return (orderId, await raw.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostWebhookAsync(string payload, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Add("Stripe-Signature", signature);
        return await Host.Http.SendAsync(request);
    }

    private static string Sign(string payload, DateTimeOffset at, string secret = SandboxHost.WebhookSecret)
    {
        var timestamp = at.ToUnixTimeSeconds();
        return $"t={timestamp},v1={EventUtility.ComputeSignature(secret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), payload)}";
    }

    [Fact]
    public async Task A_forged_signature_is_a_400_and_changes_nothing()
    {
        var orderId = Guid.CreateVersion7();
        var created = await Host.CreatePaymentAsync(orderId);
        var forged = JsonSerializer.Serialize(new
        {
            id = "evt_forged_" + Guid.NewGuid().ToString("N"),
            @object = "event",
            api_version = StripeConfiguration.ApiVersion,
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            type = "payment_intent.succeeded",
            data = new { @object = new { id = created.GetProperty("paymentIntentId").GetString(), @object = "payment_intent", status = "succeeded", amount_received = 12_345 } },
        });

        using var response = await PostWebhookAsync(forged, Sign(forged, DateTimeOffset.UtcNow, "whsec_not_the_endpoint_secret"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Host.GetPaymentAsync(orderId)).GetProperty("status").GetString().Should().Be("requires_payment_method");
    }

    [Fact]
    public async Task A_stale_signature_is_a_400_even_for_a_real_event()
    {
        var (_, payload) = await PaidOrderAsync();

        using var stale = await PostWebhookAsync(payload, Sign(payload, DateTimeOffset.UtcNow.AddSeconds(-301)));
        using var unsigned = await PostWebhookAsync(payload, "");

        stale.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unsigned.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_replayed_event_is_a_200_duplicate_and_announces_nothing_again()
    {
        var (orderId, payload) = await PaidOrderAsync();
        await Host.Events.WaitForAsync("spaceofsport.payments.payment-succeeded.v1", e => e.GetProperty("orderId").GetGuid() == orderId);

        using var replay = await PostWebhookAsync(payload, Sign(payload, DateTimeOffset.UtcNow));

        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean().Should().BeTrue();
        await Task.Delay(500);
        Host.EventsOf<PaymentSucceeded>(orderId).Should().ContainSingle();
    }

    [Fact]
    public async Task The_same_event_through_the_input_binding_after_the_http_route_is_handled_once()
    {
        var (orderId, payload) = await PaidOrderAsync();

        using var relayed = await Host.Http.PostAsJsonAsync("/stripe-events", new { payload, stripeSignature = Sign(payload, DateTimeOffset.UtcNow) });

        relayed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await relayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean().Should().BeTrue();
        await Task.Delay(500);
        Host.EventsOf<PaymentSucceeded>(orderId).Should().ContainSingle();
    }

    [Fact]
    public async Task An_event_first_seen_through_the_input_binding_is_handled_there_and_not_again_over_http()
    {
        var orderId = Guid.CreateVersion7();
        var created = await Host.CreatePaymentAsync(orderId);
        await SwitchesAsync(new { holdForReordering = true });
        await Host.ConfirmAsync(created, "pm_card_visa");
        var succeeded = (await Host.Stripe.V1.Events.ListAsync(new EventListOptions { Type = "payment_intent.succeeded", Limit = 100 }))
            .Data.First(e => ((PaymentIntent)e.Data.Object).Id == created.GetProperty("paymentIntentId").GetString());
        var raw = await (await Host.SandboxHttp.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/events/{succeeded.Id}")
        {
            Headers = { { "Authorization", $"Bearer {SandboxHost.ApiKey}" } },
        })).Content.ReadAsStringAsync();

        using var relayed = await Host.Http.PostAsJsonAsync("/stripe-events", new { payload = raw, stripeSignature = Sign(raw, DateTimeOffset.UtcNow) });
        (await relayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean().Should().BeFalse();
        await Host.WaitForStatusAsync(orderId, "succeeded");
        using var overHttp = await PostWebhookAsync(raw, Sign(raw, DateTimeOffset.UtcNow));

        (await overHttp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean().Should().BeTrue();
        (await Host.SandboxHttp.PostAsync("/sandbox/webhooks/release", null)).EnsureSuccessStatusCode();
        await Task.Delay(500);
        Host.EventsOf<PaymentSucceeded>(orderId).Should().ContainSingle();
    }

    [Fact]
    public async Task Duplicated_deliveries_announce_each_change_once()
    {
        await SwitchesAsync(new { duplicate = true });
        var declined = Guid.CreateVersion7();
        await FluentActions.Awaiting(async () => await Host.ConfirmAsync(await Host.CreatePaymentAsync(declined), "pm_card_chargeDeclined"))
            .Should().ThrowAsync<StripeException>();
        var paid = Guid.CreateVersion7();
        await Host.ConfirmAsync(await Host.CreatePaymentAsync(paid), "pm_card_visa");

        await Host.Events.WaitForAsync("spaceofsport.payments.payment-failed.v1", e => e.GetProperty("orderId").GetGuid() == declined);
        await Host.Events.WaitForAsync("spaceofsport.payments.payment-succeeded.v1", e => e.GetProperty("orderId").GetGuid() == paid);
        await Task.Delay(1_000);
        Host.EventsOf<PaymentFailed>(declined).Should().ContainSingle();
        Host.EventsOf<PaymentSucceeded>(paid).Should().ContainSingle();
    }

    [Fact]
    public async Task Events_delivered_newest_first_leave_the_latest_state()
    {
        await SwitchesAsync(new { holdForReordering = true });
        var orderId = Guid.CreateVersion7();
        var created = await Host.CreatePaymentAsync(orderId);
        await FluentActions.Awaiting(() => Host.ConfirmAsync(created, "pm_card_chargeDeclinedInsufficientFunds")).Should().ThrowAsync<StripeException>();
        await Host.ConfirmAsync(created, "pm_card_visa");

        (await Host.SandboxHttp.PostAsync("/sandbox/webhooks/release", null)).EnsureSuccessStatusCode();

        await Host.WaitForStatusAsync(orderId, "succeeded");
        await Task.Delay(1_000);
        (await Host.GetPaymentAsync(orderId)).GetProperty("status").GetString().Should().Be("succeeded", "the older failure arriving last does not undo the success");
        Host.EventsOf<PaymentSucceeded>(orderId).Should().ContainSingle();
    }

    [Fact]
    public async Task Delayed_deliveries_still_bring_the_payment_to_its_state()
    {
        await SwitchesAsync(new { delay = "00:00:01.500" });
        var orderId = Guid.CreateVersion7();
        var created = await Host.CreatePaymentAsync(orderId);
        await Host.ConfirmAsync(created, "pm_card_visa");

        await Task.Delay(500);
        (await Host.GetPaymentAsync(orderId)).GetProperty("status").GetString().Should().Be("requires_payment_method", "no webhook has arrived yet");
        await Host.WaitForStatusAsync(orderId, "succeeded");
    }
}
