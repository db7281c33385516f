extern alias analytics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Tests.Infrastructure;
using EventTypes = analytics::SpaceOfSport.Analytics.Events.EventTypes;
using Metrics = analytics::SpaceOfSport.Analytics.Rollups.Metrics;

namespace SpaceOfSport.Analytics.Tests;

/// <summary>
/// <c>POST /webhooks/events</c>: signed batches are recorded once per event id; forged, stale, unsigned or malformed
/// batches are a 400 problem naming the field, and store nothing.
/// </summary>
public sealed class CollectionTests(SqliteAnalyticsHost host) : IClassFixture<SqliteAnalyticsHost>
{
    [Fact]
    public async Task A_signed_batch_is_recorded_with_the_visitor_and_the_user_and_counted_in_the_rollups()
    {
        var at = host.Clock.GetUtcNow().AddMinutes(-1);
        var user = Guid.CreateVersion7();
        var product = Guid.CreateVersion7();
        var page = Usage.Event(EventTypes.PageViewed, at, visitorId: "visitor-a", userId: user, path: "/p/trail-runner?utm_source=mail&email=a@b.test");
        var view = Usage.Event(EventTypes.ProductViewed, at, visitorId: "visitor-a", userId: user, productId: product);

        var receipt = await host.SendEventsAsync(page, view);

        receipt.Should().Be((2, 0));
        var stored = await host.QueryAsync(db => db.Events.AsNoTracking().Where(e => e.UserId == user).OrderBy(e => e.Type).ToListAsync());
        stored.Select(e => (e.Type, e.VisitorId)).Should().Equal((EventTypes.PageViewed, "visitor-a"), (EventTypes.ProductViewed, "visitor-a"));
        stored[0].Path.Should().Be("/p/trail-runner", "a query string may carry personal data and is not kept");
        stored[1].ProductId.Should().Be(product);
    }

    [Fact]
    public async Task A_replayed_batch_and_a_repeated_event_id_are_duplicates_that_change_no_rollup()
    {
        var at = new DateTimeOffset(AnalyticsHost.OwnDays().ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var search = Usage.Event(EventTypes.SearchPerformed, at, query: "Trail  Shoes ", resultCount: 4);
        var batch = new { events = new[] { search, search } };

        using var first = await host.SendBatchAsync(batch, messageId: "msg_replayed");
        using var replayed = await host.SendBatchAsync(batch, messageId: "msg_replayed");

        (await Receipt(first)).Should().Be((1, 1));
        (await Receipt(replayed)).Should().Be((0, 2));
        var day = at.ToUnixTimeSeconds() - at.ToUnixTimeSeconds() % 86_400;
        var cell = await host.QueryAsync(db => db.Rollups.AsNoTracking().SingleAsync(r => r.Metric == Metrics.Searches && r.Granularity == "day" && r.BucketStart == day));
        (cell.Dimension, cell.EventCount, cell.Total).Should().Be(("trail shoes", 1, 4));
    }

    [Fact]
    public async Task A_batch_signed_with_another_secret_is_a_400_and_stores_nothing()
    {
        var user = Guid.CreateVersion7();
        var forged = new { events = new[] { Usage.Event(EventTypes.CheckoutStarted, host.Clock.GetUtcNow(), userId: user) } };

        using var response = await host.SendBatchAsync(forged, secret: "whsec_" + Convert.ToBase64String("not the storefront's secret!!!!!"u8.ToArray()));

        await ShouldBeRefusedAsync(response, "webhook-signature");
        (await host.QueryAsync(db => db.Events.CountAsync(e => e.UserId == user))).Should().Be(0);
    }

    [Fact]
    public async Task A_batch_signed_outside_the_replay_window_is_a_400_even_when_genuine()
    {
        var batch = new { events = new[] { Usage.Event(EventTypes.CheckoutStarted, host.Clock.GetUtcNow()) } };

        using var stale = await host.SendBatchAsync(batch, signedAt: host.Clock.GetUtcNow().AddMinutes(-6));
        using var early = await host.SendBatchAsync(batch, signedAt: host.Clock.GetUtcNow().AddMinutes(6));
        using var unsigned = await host.Http.PostAsJsonAsync("/webhooks/events", batch);

        await ShouldBeRefusedAsync(stale, "webhook-timestamp");
        await ShouldBeRefusedAsync(early, "webhook-timestamp");
        await ShouldBeRefusedAsync(unsigned, "webhook-id");
    }

    [Fact]
    public async Task A_malformed_event_refuses_the_whole_batch_naming_each_field()
    {
        var user = Guid.CreateVersion7();
        var good = Usage.Event(EventTypes.PageViewed, host.Clock.GetUtcNow(), userId: user, path: "/");
        var noProduct = Usage.Event(EventTypes.ProductViewed, host.Clock.GetUtcNow(), userId: user);
        var unknownType = Usage.Event("order-paid", host.Clock.GetUtcNow(), userId: user);
        var future = Usage.Event(EventTypes.PageViewed, host.Clock.GetUtcNow().AddHours(1), userId: user, path: "/");

        using var response = await host.SendBatchAsync(new { events = new[] { good, noProduct, unknownType, future } });

        var errors = await ShouldBeRefusedAsync(response, "events[1].productId");
        errors.Select(e => e.Key).Should().BeEquivalentTo("events[1].productId", "events[2].type", "events[3].occurredAt");
        (await host.QueryAsync(db => db.Events.CountAsync(e => e.UserId == user))).Should().Be(0);
    }

    [Fact]
    public async Task An_empty_batch_a_batch_over_500_and_a_body_that_is_not_json_are_400s()
    {
        var tooMany = Enumerable.Range(0, 501).Select(_ => Usage.Event(EventTypes.PageViewed, host.Clock.GetUtcNow(), path: "/")).ToArray();

        using var empty = await host.SendBatchAsync(new { events = Array.Empty<object>() });
        using var over = await host.SendBatchAsync(new { events = tooMany });
        using var notJson = await host.SendBatchAsync(new { events = "many" });

        await ShouldBeRefusedAsync(empty, "events");
        await ShouldBeRefusedAsync(over, "events");
        await ShouldBeRefusedAsync(notJson, "events");
    }

    [Fact]
    public async Task A_full_batch_of_500_is_accepted_in_one_request()
    {
        var at = host.Clock.GetUtcNow();
        var events = Enumerable.Range(0, 500).Select(i => Usage.Event(EventTypes.PageViewed, at, visitorId: $"bulk-{i % 50}", path: $"/c/{i % 7}")).ToArray();

        (await host.SendEventsAsync(events)).Should().Be((500, 0));
    }

    private static async Task<(int Accepted, int Duplicates)> Receipt(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var receipt = JsonNode.Parse(body)!;
        return (receipt["accepted"]!.GetValue<int>(), receipt["duplicates"]!.GetValue<int>());
    }

    private static async Task<IDictionary<string, JsonNode?>> ShouldBeRefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = JsonNode.Parse(body)!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Contain(field, body);
        return errors.ToDictionary(e => e.Key, e => e.Value);
    }
}
