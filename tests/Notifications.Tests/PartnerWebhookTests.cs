using System.Net;
using System.Text.Json;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Events.Notifications;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Notifications.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Notifications.Tests;

/// <summary>
/// Partner webhooks over real HTTP: staff register endpoints, events published on pub/sub reach the partner simulator
/// signed per Standard Webhooks, failures are retried on the service's (fake) clock, and an endpoint failing for three
/// days is switched off.
/// </summary>
[Collection(WebhooksCollection.Name)]
public sealed class PartnerWebhookTests(WebhooksHost host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Staff_register_an_endpoint_and_see_its_secret_only_once()
    {
        var partner = host.Partners.NewPartner();
        var staffMember = Guid.CreateVersion7();
        using var staff = host.Staff(staffMember);

        using var created = await staff.PostAsJsonAsync("/api/webhooks/endpoints",
            new { url = partner.Url, eventTypes = new[] { "stock.low", "order.paid" }, description = "Courier" });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("secret").GetString().Should().StartWith("whsec_");
        var id = body.GetProperty("endpoint").GetProperty("id").GetGuid();
        created.Headers.Location!.ToString().Should().Be($"/api/webhooks/endpoints/{id}");

        var read = await staff.GetStringAsync($"/api/webhooks/endpoints/{id}");
        read.Should().NotContain("whsec_").And.NotContain("secret");
        var endpoint = JsonDocument.Parse(read).RootElement;
        endpoint.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()).Should().Equal("order.paid", "stock.low");
        endpoint.GetProperty("enabled").GetBoolean().Should().BeTrue();
        (await staff.GetStringAsync("/api/webhooks/endpoints")).Should().Contain(id.ToString()).And.NotContain("whsec_");

        var announced = await host.Events.WaitForAsync(IntegrationEvent.CloudEventType<WebhookEndpointChanged>(),
            e => e.GetProperty("endpointId").GetGuid() == id);
        announced.Data.GetProperty("change").GetString().Should().Be(WebhookEndpointChanged.Created);
        announced.Data.GetProperty("changedBy").GetGuid().Should().Be(staffMember);
        announced.Data.GetProperty("url").GetString().Should().Be(partner.Url);
        announced.Data.ToString().Should().NotContain("whsec_");
    }

    [Fact]
    public async Task Only_staff_with_webhooks_manage_reach_the_endpoints_api()
    {
        using var anonymous = host.Service.CreateHttpClient();
        (await anonymous.GetAsync("/api/webhooks/endpoints")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var reader = host.ApiFor(Guid.CreateVersion7(), Permissions.NotificationsRead);
        (await reader.GetAsync("/api/webhooks/endpoints")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.PostAsJsonAsync("/api/webhooks/endpoints", new { url = "https://partner.example/hook", eventTypes = new[] { "order.paid" } }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("http://partner.example/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("https://172.20.0.1/hook")]
    [InlineData("https://127.0.0.2/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("ftp://partner.example/hook")]
    [InlineData("https://user:password@partner.example/hook")]
    [InlineData("not a url")]
    public async Task Urls_that_are_not_public_https_are_refused(string url)
    {
        using var staff = host.Staff();
        using var response = await staff.PostAsJsonAsync("/api/webhooks/endpoints", new { url, eventTypes = new[] { "order.paid" } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("url", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Unknown_event_types_are_refused_by_name()
    {
        using var staff = host.Staff();
        using var response = await staff.PostAsJsonAsync("/api/webhooks/endpoints", new { url = "https://partner.example/hook", eventTypes = new[] { "order.paid", "order.exploded" } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("eventTypes")[0].GetString().Should().Contain("order.exploded");
    }

    [Fact]
    public async Task A_paid_order_reaches_the_partner_signed_per_standard_webhooks()
    {
        var partner = host.Partners.NewPartner();
        var endpointId = await host.RegisterAsync(partner, "order.paid");
        var paid = new OrderPaid { OrderId = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), TotalMinor = 12_999, Currency = "EUR" };

        await host.PublishAsync(paid);

        await Eventually.UntilAsync(() => !partner.Received.IsEmpty, "the partner to receive the paid order", Patience);
        var message = partner.Received.Single();
        message.VerifiedIndependently.Should().BeTrue("the HMAC over id.timestamp.body with the shown secret matches");
        message.VerifiedByReference.Should().BeTrue("the StandardWebhooks package computes the same signature");
        message.Id.Should().Be(paid.Id.ToString(), "webhook-id is the event's id, so partners deduplicate by it");
        message.Timestamp.Should().Be(host.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Json.GetProperty("type").GetString().Should().Be("order.paid");
        message.Json.GetProperty("data").GetProperty("orderId").GetGuid().Should().Be(paid.OrderId);
        message.Json.GetProperty("data").GetProperty("totalMinor").GetInt64().Should().Be(12_999);

        var delivery = await Eventually.ReturnsAsync(() => host.DeliveryAsync(endpointId, paid.Id),
            d => d?.GetProperty("status").GetString() == "succeeded", Patience);
        var attempt = delivery!.Value.GetProperty("attempts").EnumerateArray().Single();
        attempt.GetProperty("statusCode").GetInt32().Should().Be(200);
        attempt.GetProperty("durationMs").GetInt64().Should().BeGreaterThanOrEqualTo(0);
        delivery.Value.GetProperty("payload").GetString().Should().Be(message.Body);
    }

    [Fact]
    public async Task A_duplicated_event_reaches_the_partner_once_and_other_types_not_at_all()
    {
        var partner = host.Partners.NewPartner();
        await host.RegisterAsync(partner, "order.paid");
        var paid = new OrderPaid { OrderId = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), TotalMinor = 500, Currency = "EUR" };
        var later = new OrderPaid { OrderId = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), TotalMinor = 700, Currency = "EUR" };

        await host.PublishAsync(paid);
        await host.PublishAsync(new LowStock { Sku = "SKU-NOT-WANTED", Location = "main", Available = 1, Threshold = 5 });
        await host.PublishAsync(paid);
        await host.PublishAsync(later);

        // One endpoint's deliveries go out in order: once the later event arrived, every earlier one had its chance.
        await Eventually.UntilAsync(() => partner.Received.Any(m => m.Id == later.Id.ToString()), "the later event to arrive", Patience);
        partner.Received.Select(m => m.Id).Should().Equal(paid.Id.ToString(), later.Id.ToString());
    }

    [Fact]
    public async Task A_failing_partner_is_retried_with_backoff_until_it_answers()
    {
        var partner = host.Partners.NewPartner();
        partner.Status = StatusCodes.Status503ServiceUnavailable;
        var endpointId = await host.RegisterAsync(partner, "stock.low");
        var low = new LowStock { Sku = $"SKU-{Guid.NewGuid():N}", Location = "main", Available = 2, Threshold = 5 };

        await host.PublishAsync(low);

        var failedOnce = await Eventually.ReturnsAsync(() => host.DeliveryAsync(endpointId, low.Id),
            d => d?.GetProperty("attemptCount").GetInt32() == 1, Patience);
        failedOnce!.Value.GetProperty("status").GetString().Should().Be("pending");
        failedOnce.Value.GetProperty("attempts")[0].GetProperty("statusCode").GetInt32().Should().Be(503);
        var firstAt = failedOnce.Value.GetProperty("attempts")[0].GetProperty("at").GetDateTimeOffset();
        var retryAt = failedOnce.Value.GetProperty("nextAttemptAt").GetDateTimeOffset();
        (retryAt - firstAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(5)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(5.5), "5 s plus at most 10% jitter");

        partner.Status = StatusCodes.Status204NoContent;
        host.Clock.Advance(TimeSpan.FromSeconds(6));

        var delivered = await Eventually.ReturnsAsync(() => host.DeliveryAsync(endpointId, low.Id),
            d => d?.GetProperty("status").GetString() == "succeeded", Patience);
        delivered!.Value.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()).Should().Equal(503, 204);
        partner.Received.Select(m => m.Id).Distinct().Should().Equal(low.Id.ToString());
        partner.Received.Should().OnlyContain(m => m.VerifiedIndependently, "every attempt is signed afresh");
    }

    [Fact]
    public async Task A_partner_failing_for_three_days_is_disabled_staff_are_told_and_a_replay_sends_it_again()
    {
        var partner = host.Partners.NewPartner();
        partner.Status = StatusCodes.Status500InternalServerError;
        var endpointId = await host.RegisterAsync(partner, "order.paid");
        var paid = new OrderPaid { OrderId = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), TotalMinor = 100, Currency = "EUR" };
        await host.PublishAsync(paid);

        var delivery = await Eventually.ReturnsAsync(() => host.DeliveryAsync(endpointId, paid.Id), d => d?.GetProperty("attemptCount").GetInt32() == 1, Patience);
        // The clock moves to each scheduled attempt in turn, as three days would pass.
        for (var step = 0; step < 20 && delivery!.Value.GetProperty("status").GetString() == "pending"; step++)
        {
            var attempts = delivery.Value.GetProperty("attemptCount").GetInt32();
            var due = delivery.Value.GetProperty("nextAttemptAt").GetDateTimeOffset();
            host.Clock.Advance(due - host.Clock.GetUtcNow() + TimeSpan.FromMilliseconds(1));
            delivery = await Eventually.ReturnsAsync(() => host.DeliveryAsync(endpointId, paid.Id),
                d => d?.GetProperty("attemptCount").GetInt32() > attempts, Patience);
        }

        delivery!.Value.GetProperty("status").GetString().Should().Be("failed");
        var times = delivery.Value.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("at").GetDateTimeOffset()).ToList();
        times.Count.Should().BeInRange(11, 13, "5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h within 3 days");
        (times[^1] - times[0]).Should().BeGreaterThan(TimeSpan.FromDays(2)).And.BeLessThanOrEqualTo(TimeSpan.FromDays(3));
        TimeSpan[] schedule = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5)];
        var waits = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        for (var i = 0; i < waits.Count; i++)
        {
            var planned = i < schedule.Length ? schedule[i] : TimeSpan.FromHours(10);
            waits[i].Should().BeGreaterThanOrEqualTo(planned).And.BeLessThan(planned * 1.1 + TimeSpan.FromSeconds(1), $"wait {i + 1} is {planned} plus at most 10% jitter");
        }

        using var staff = host.Staff();
        var endpoint = await staff.GetFromJsonAsync<JsonElement>($"/api/webhooks/endpoints/{endpointId}");
        endpoint.GetProperty("enabled").GetBoolean().Should().BeFalse();
        endpoint.GetProperty("disabledReason").GetString().Should().Contain(paid.Id.ToString());
        var disabled = await host.Events.WaitForAsync(IntegrationEvent.CloudEventType<WebhookEndpointChanged>(),
            e => e.GetProperty("endpointId").GetGuid() == endpointId && !e.GetProperty("enabled").GetBoolean());
        disabled.Data.GetProperty("change").GetString().Should().Be(WebhookEndpointChanged.Updated);
        await Eventually.UntilAsync(() => Directory.EnumerateFiles(host.EmailFolder, "*.eml", SearchOption.AllDirectories)
            .Select(f => MimeKit.MimeMessage.Load(f))
            .Any(m => m.To.Mailboxes.Any(b => b.Address == WebhooksHost.StaffEmail) && (m.TextBody ?? "").Contains(partner.Url)), "staff to get an email naming the endpoint", Patience);

        // Replaying to a switched-off endpoint is refused; switched on again, the replay goes out with the same id.
        (await staff.PostAsync($"/api/webhooks/endpoints/{endpointId}/deliveries/{paid.Id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        partner.Status = StatusCodes.Status200OK;
        using var enabled = await staff.PutAsJsonAsync($"/api/webhooks/endpoints/{endpointId}",
            new { url = partner.Url, eventTypes = new[] { "order.paid" }, enabled = true, version = endpoint.GetProperty("version").GetInt32() });
        enabled.StatusCode.Should().Be(HttpStatusCode.OK);
        var received = partner.Received.Count;
        using var replay = await staff.PostAsync($"/api/webhooks/endpoints/{endpointId}/deliveries/{paid.Id}/replay", null);
        replay.StatusCode.Should().Be(HttpStatusCode.Accepted);

        var replayed = await Eventually.ReturnsAsync(() => host.DeliveryAsync(endpointId, paid.Id), d => d?.GetProperty("status").GetString() == "succeeded", Patience);
        replayed!.Value.GetProperty("attempts").EnumerateArray().Last().GetProperty("statusCode").GetInt32().Should().Be(200);
        partner.Received.Count.Should().Be(received + 1);
        partner.Received.Last().Id.Should().Be(paid.Id.ToString());
        partner.Received.Last().VerifiedIndependently.Should().BeTrue();
    }

    [Fact]
    public async Task A_change_naming_an_old_version_answers_409_with_the_current_endpoint()
    {
        var partner = host.Partners.NewPartner();
        var endpointId = await host.RegisterAsync(partner, "order.paid");
        using var staff = host.Staff();

        using var first = await staff.PutAsJsonAsync($"/api/webhooks/endpoints/{endpointId}",
            new { url = partner.Url, eventTypes = new[] { "order.paid", "refund.succeeded" }, version = 1 });
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        using var stale = await staff.PutAsJsonAsync($"/api/webhooks/endpoints/{endpointId}",
            new { url = partner.Url, eventTypes = new[] { "stock.low" }, version = 1 });

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var current = await stale.Content.ReadFromJsonAsync<JsonElement>();
        current.GetProperty("version").GetInt32().Should().Be(2);
        current.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()).Should().Equal("order.paid", "refund.succeeded");
    }

    [Fact]
    public async Task A_deleted_endpoint_is_gone_announced_and_receives_nothing_more()
    {
        var partner = host.Partners.NewPartner();
        var endpointId = await host.RegisterAsync(partner, "order.paid");
        using var staff = host.Staff();

        (await staff.DeleteAsync($"/api/webhooks/endpoints/{endpointId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await staff.GetAsync($"/api/webhooks/endpoints/{endpointId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await staff.DeleteAsync($"/api/webhooks/endpoints/{endpointId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await host.Events.WaitForAsync(IntegrationEvent.CloudEventType<WebhookEndpointChanged>(),
            e => e.GetProperty("endpointId").GetGuid() == endpointId && e.GetProperty("change").GetString() == WebhookEndpointChanged.Deleted);

        // A second partner wanting the same type shows when the event went out; the deleted one got nothing.
        var witness = host.Partners.NewPartner();
        await host.RegisterAsync(witness, "order.paid");
        var paid = new OrderPaid { OrderId = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), TotalMinor = 100, Currency = "EUR" };
        await host.PublishAsync(paid);
        await Eventually.UntilAsync(() => witness.Received.Any(m => m.Id == paid.Id.ToString()), "the witness to receive the event", Patience);
        partner.Received.Should().BeEmpty();
    }
}
