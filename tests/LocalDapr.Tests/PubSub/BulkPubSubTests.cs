using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.AspNetCore;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.PubSub;

// Contract: https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-bulk/ and
// https://docs.dapr.io/reference/api/pubsub_api/#publish-multiple-messages-to-a-given-topic
public sealed class BulkPubSubTests
{
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Bulk_published_events_each_reach_the_subscriber(string backend)
    {
        await using var harness = PubSubHarness.Create(backend);
        await harness.StartAppAsync("bulk-reader", web => web.MapPost("/orders", async (HttpRequest request) =>
        {
            await harness.Inbox.RecordAsync(request, "bulk-reader");
            return Results.Ok();
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic));
        var publisher = await harness.StartPublisherAsync();
        PubSubConformanceTests.Order[] orders = [new("b-1", "socks", 1), new("b-2", "shoes", 2), new("b-3", "caps", 3)];

        var response = await publisher.Client.BulkPublishEventAsync(PubSubHarness.PubSubName, harness.Topic, orders);

        response.FailedEntries.Should().BeEmpty();
        var deliveries = await harness.Inbox.WaitForAsync(3);
        deliveries.Select(d => d.Json["id"]!.GetValue<string>()).Should().BeEquivalentTo(["b-1", "b-2", "b-3"]);
    }

    [Fact]
    public async Task Bulk_publish_over_http_answers_204_and_refuses_duplicate_entry_ids()
    {
        await using var harness = PubSubHarness.Create("in-memory");
        await harness.StartAppAsync("bulk-reader", web => web.MapPost("/orders", async (HttpRequest request) =>
        {
            await harness.Inbox.RecordAsync(request, "bulk-reader");
            return Results.Ok();
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic));
        var publisher = await harness.StartPublisherAsync();
        using var http = new HttpClient { BaseAddress = publisher.Sidecar.HttpEndpoint };
        var path = $"/v1.0-alpha1/publish/bulk/{PubSubHarness.PubSubName}/{harness.Topic}";

        using var published = await http.PostAsJsonAsync(path, new JsonArray(
            new JsonObject { ["entryId"] = "1", ["event"] = new JsonObject { ["id"] = "h-1" }, ["contentType"] = "application/json" },
            new JsonObject { ["entryId"] = "2", ["event"] = "plain text", ["contentType"] = "text/plain" }));
        using var duplicated = await http.PostAsJsonAsync(path, new JsonArray(
            new JsonObject { ["entryId"] = "1", ["event"] = "a", ["contentType"] = "text/plain" },
            new JsonObject { ["entryId"] = "1", ["event"] = "b", ["contentType"] = "text/plain" }));

        published.StatusCode.Should().Be(HttpStatusCode.NoContent);
        duplicated.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await duplicated.Content.ReadFromJsonAsync<JsonObject>())!["errorCode"]!.GetValue<string>().Should().Be("ERR_PUBSUB_EVENTS_SER");
        var deliveries = await harness.Inbox.WaitForAsync(2);
        // The app unwraps CloudEvents (UseCloudEvents), so it sees each entry's data as published.
        deliveries.Select(d => d.Body).Should().BeEquivalentTo(["""{"id":"h-1"}""", "plain text"]);
    }

    // An app's [BulkSubscribe] handler (Dapr.AspNetCore) gets com.dapr.event.sent.bulk envelopes of at most
    // maxMessagesCount entries and answers a status per entry; RETRY entries come again, SUCCESS ones do not.
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task A_bulk_subscriber_gets_batches_and_settles_each_entry_by_its_status(string backend)
    {
        const int Events = 8;
        var batches = new ConcurrentQueue<BulkSubscribeMessage<JsonElement>>();
        var retriedOnce = new ConcurrentDictionary<string, bool>();
        await using var harness = PubSubHarness.Create(backend);
        await harness.StartAppAsync("bulk-app", web => web.MapPost("/orders-bulk", (BulkSubscribeMessage<JsonElement> bulk) =>
        {
            batches.Enqueue(bulk);
            // The event of order o-0 is asked for again once; every other entry succeeds.
            var statuses = bulk.Entries.Select(e =>
            {
                var orderId = e.Event.GetProperty("data").GetProperty("id").GetString()!;
                var retry = orderId == "o-0" && retriedOnce.TryAdd(orderId, true);
                return new BulkSubscribeAppResponseEntry(e.EntryId, retry ? BulkSubscribeAppResponseStatus.RETRY : BulkSubscribeAppResponseStatus.SUCCESS);
            }).ToList();
            return Results.Ok(new BulkSubscribeAppResponse(statuses));
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic).WithMetadata(new BulkSubscribeAttribute(harness.Topic, 5, 200)), cloudEvents: false);
        var publisher = await harness.StartPublisherAsync();

        for (var i = 0; i < Events; i++)
            await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new PubSubConformanceTests.Order($"o-{i}", "widget", i));

        await Eventually.UntilAsync(() => batches.Sum(b => b.Entries.Count) >= Events + 1, "every event, and o-0 a second time", TimeSpan.FromSeconds(60),
            () => $"batch sizes so far: {string.Join(", ", batches.Select(b => b.Entries.Count))}");
        batches.Should().OnlyContain(b => b.Entries.Count <= 5 && b.Topic == harness.Topic);
        batches.Should().Contain(b => b.Entries.Count > 1, "events that wait together travel together");
        batches.SelectMany(b => b.Entries).Select(e => e.Event.GetProperty("data").GetProperty("id").GetString())
            .Should().Contain([.. Enumerable.Range(0, Events).Select(i => $"o-{i}")]);
    }
}
