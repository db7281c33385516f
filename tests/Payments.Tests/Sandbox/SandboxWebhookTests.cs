using System.Net;
using System.Text.Json;
using SpaceOfSport.Payments.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using Stripe;

namespace SpaceOfSport.Payments.Tests.Sandbox;

/// <summary>Webhooks signed as Stripe signs them, retried with backoff, and delayed, duplicated or reordered on request.</summary>
public sealed class SandboxWebhookTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private SandboxHost _sandbox = null!;
    private StripeClient _stripe = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _sandbox = SandboxHost.Start(_receiver.Url);
        _stripe = _sandbox.CreateStripeClient();
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<PaymentIntent> PayAsync(string paymentMethod = "pm_card_visa") =>
        await _stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1_500, Currency = "eur", PaymentMethod = paymentMethod, Confirm = true });

    private List<Event> Events() => [.. _receiver.Received.Where(r => !r.AnsweredWithError).Select(r => EventUtility.ParseEvent(r.Payload))];

    [Fact]
    public async Task Every_event_is_signed_so_that_Stripe_net_verifies_it_with_the_endpoint_secret()
    {
        var paid = await PayAsync();

        await Eventually.UntilAsync(() => _receiver.Received.Count >= 2, "created and succeeded webhooks");
        foreach (var webhook in _receiver.Received)
        {
            var verified = EventUtility.ConstructEvent(webhook.Payload, webhook.Signature, SandboxHost.WebhookSecret);
            verified.Data.Object.Should().BeOfType<PaymentIntent>().Which.Id.Should().Be(paid.Id);
            FluentActions.Invoking(() => EventUtility.ConstructEvent(webhook.Payload, webhook.Signature, "whsec_someone_else"))
                .Should().Throw<StripeException>();
        }
        Events().Select(e => e.Type).Should().BeEquivalentTo("payment_intent.created", "payment_intent.succeeded");
        var stored = await _stripe.V1.Events.GetAsync(Events().Single(e => e.Type == "payment_intent.succeeded").Id);
        ((PaymentIntent)stored.Data.Object).Status.Should().Be("succeeded");
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_growing_waits_until_it_succeeds()
    {
        _receiver.FailNext(3);

        var paid = await _stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1_500, Currency = "eur" });

        await Eventually.UntilAsync(() => Events().Count == 1, "the created event after three failures");
        var attempts = _receiver.Received.ToList();
        attempts.Should().HaveCount(4);
        attempts.Select(a => EventUtility.ParseEvent(a.Payload).Id).Distinct().Should().ContainSingle();
        var waits = attempts.Zip(attempts.Skip(1), (a, b) => b.At - a.At).ToList();
        // RetryBaseDelay is 200 ms in the test host: 200, 400, 800 ms at least (a loaded machine only adds to them).
        waits[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
        waits[1].Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(390), "each retry waits twice as long as the one before");
        waits[2].Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(790));
        using var http = _sandbox.CreateHttpClient();
        var log = await http.GetFromJsonAsync<JsonElement>($"/sandbox/webhooks/attempts?eventId={Events()[0].Id}");
        log.EnumerateArray().Select(a => a.GetProperty("attempt").GetInt32()).Should().Equal(1, 2, 3, 4);
        paid.Id.Should().NotBeNull();
    }

    [Fact]
    public async Task The_duplicate_switch_delivers_every_event_twice()
    {
        using var http = _sandbox.CreateHttpClient();
        (await http.PutAsJsonAsync("/sandbox/webhooks/switches", new { duplicate = true })).EnsureSuccessStatusCode();

        await PayAsync();

        await Eventually.UntilAsync(() => Events().Count == 4, "two copies of two events");
        Events().GroupBy(e => e.Id).Should().OnlyContain(copies => copies.Count() == 2);
    }

    [Fact]
    public async Task Held_events_are_released_newest_first()
    {
        using var http = _sandbox.CreateHttpClient();
        (await http.PutAsJsonAsync("/sandbox/webhooks/switches", new { holdForReordering = true })).EnsureSuccessStatusCode();
        await PayAsync();
        await Task.Delay(300);
        _receiver.Received.Should().BeEmpty();

        var released = await (await http.PostAsync("/sandbox/webhooks/release", null)).Content.ReadFromJsonAsync<JsonElement>();

        released.GetProperty("released").GetInt32().Should().Be(2);
        await Eventually.UntilAsync(() => Events().Count == 2, "both released events");
        Events().Select(e => e.Type).Should().Equal("payment_intent.succeeded", "payment_intent.created");
    }

    [Fact]
    public async Task The_delay_switch_holds_each_delivery_back()
    {
        using var http = _sandbox.CreateHttpClient();
        (await http.PutAsJsonAsync("/sandbox/webhooks/switches", new { delay = "00:00:01" })).EnsureSuccessStatusCode();
        var started = DateTimeOffset.UtcNow;

        await _stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1_500, Currency = "eur" });

        await Eventually.UntilAsync(() => Events().Count == 1, "the delayed event");
        (_receiver.Received.First().At - started).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task The_hosted_page_pays_with_the_card_entered_and_returns_to_the_shop()
    {
        var intent = await _stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 2_500, Currency = "eur" });
        using var http = _sandbox.CreateHttpClient(followRedirects: false);
        var page = await http.GetStringAsync($"/sandbox/checkout/{intent.Id}?client_secret={Uri.EscapeDataString(intent.ClientSecret)}");
        page.Should().Contain("name=\"card_number\"").And.Contain("25.00 EUR");

        using var pay = await http.PostAsync($"/sandbox/checkout/{intent.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = intent.ClientSecret,
            ["return_url"] = "http://shop.test/checkout/done",
            ["card_number"] = "4000 0025 0000 3155",
        }));
        pay.StatusCode.Should().Be(HttpStatusCode.Redirect);
        pay.Headers.Location!.AbsolutePath.Should().Be($"/sandbox/3ds/{intent.Id}");

        using var challenge = await http.PostAsync($"/sandbox/3ds/{intent.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = intent.ClientSecret,
            ["outcome"] = "complete",
        }));
        challenge.StatusCode.Should().Be(HttpStatusCode.Redirect);
        challenge.Headers.Location!.ToString().Should().StartWith("http://shop.test/checkout/done?payment_intent=" + intent.Id).And.EndWith("redirect_status=succeeded");
        (await _stripe.V1.PaymentIntents.GetAsync(intent.Id)).Status.Should().Be("succeeded");
    }

    [Fact]
    public async Task The_hosted_page_refuses_a_wrong_client_secret()
    {
        var intent = await _stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 2_500, Currency = "eur" });
        using var http = _sandbox.CreateHttpClient();

        using var page = await http.GetAsync($"/sandbox/checkout/{intent.Id}?client_secret=wrong");

        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
