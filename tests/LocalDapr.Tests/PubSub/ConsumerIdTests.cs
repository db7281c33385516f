using System.Text.Json;

namespace LocalDapr.Tests.PubSub;

// Contract: the consumerID metadata of pub/sub components
// (https://docs.dapr.io/reference/components-reference/supported-pubsub/setup-redis-pubsub/ and
// https://docs.dapr.io/reference/components-reference/supported-pubsub/setup-inmemory/), with the templates daprd
// resolves per sidecar ({appID}, {podName}, {uuid}; https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-scopes/
// on consumer groups): sidecars with one consumer id compete for a topic's events, distinct ids each get a copy.
public sealed class ConsumerIdTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Replicas_with_a_consumer_id_per_pod_each_get_every_event(string backend)
    {
        await using var harness = await StartReplicasAsync(backend, "{appID}-{podName}");
        var publisher = await harness.StartPublisherAsync();

        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new PubSubConformanceTests.Order("o-1", "socks", 1));
        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new PubSubConformanceTests.Order("o-2", "socks", 2));

        await harness.Inbox.WaitForAsync(4);
        foreach (var replica in new[] { "replica-0", "replica-1" })
        {
            harness.Inbox.Deliveries.Where(d => d.AppId == replica).Select(d => JsonSerializer.Deserialize<PubSubConformanceTests.Order>(d.Body, Web)!.Id)
                .Should().BeEquivalentTo(["o-1", "o-2"], $"{replica} has a consumer group of its own");
        }
    }

    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Replicas_sharing_a_consumer_id_compete_for_the_events(string backend)
    {
        const int Messages = 6;
        await using var harness = await StartReplicasAsync(backend, "{appID}-workers");
        var publisher = await harness.StartPublisherAsync();

        for (var i = 0; i < Messages; i++)
            await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new PubSubConformanceTests.Order($"job-{i}", "widget", i));

        await harness.Logs.WaitForAsync(Messages, $"{PubSubHarness.PubSubName}/{harness.Topic}: delivered to /orders");
        harness.Inbox.Deliveries.Select(d => JsonSerializer.Deserialize<PubSubConformanceTests.Order>(d.Body, Web)!.Id)
            .Should().HaveCount(Messages).And.OnlyHaveUniqueItems();
    }

    // The shop's hub-pubsub: a second component on the same broker, with a consumer group per replica, hears what
    // the first carries. Two Redis components share the server's streams; two in-memory ones are one broker here.
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task A_second_component_on_the_same_broker_gives_each_replica_what_the_first_carries(string backend)
    {
        const string Broadcast = "broadcast";
        var second = PubSubHarness.Component(backend, new Dictionary<string, string> { ["consumerID"] = "{podName}" })
            .Replace($"name: {PubSubHarness.PubSubName}\n", $"name: {Broadcast}\n", StringComparison.Ordinal);
        await using var harness = PubSubHarness.Create(backend, second);
        for (var replica = 0; replica < 2; replica++)
        {
            var name = $"replica-{replica}";
            await harness.StartAppAsync("hub", web => web.MapPost("/orders", async (HttpRequest request) =>
            {
                await harness.Inbox.RecordAsync(request, name);
                return Results.Ok();
            }).WithTopic(Broadcast, harness.Topic));
        }

        await harness.Logs.WaitForAsync(2, $"app 'hub' subscribed to {Broadcast}/{harness.Topic} ");
        var publisher = await harness.StartPublisherAsync();

        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new PubSubConformanceTests.Order("o-9", "cap", 1));

        await harness.Inbox.WaitForAsync(2);
        harness.Inbox.Deliveries.Select(d => d.AppId).Should().BeEquivalentTo(["replica-0", "replica-1"]);
    }

    /// <summary>Two sidecars of app-id "search" (replica-0, replica-1) subscribed to the harness topic, with <paramref name="consumerId"/>.</summary>
    private static async Task<PubSubHarness> StartReplicasAsync(string backend, string consumerId)
    {
        var harness = PubSubHarness.CreateWith(backend, PubSubHarness.Component(backend, new Dictionary<string, string> { ["consumerID"] = consumerId }));
        for (var replica = 0; replica < 2; replica++)
        {
            var name = $"replica-{replica}";
            await harness.StartAppAsync("search", web => web.MapPost("/orders", async (HttpRequest request) =>
            {
                await harness.Inbox.RecordAsync(request, name);
                return Results.Ok();
            }).WithTopic(PubSubHarness.PubSubName, harness.Topic));
        }

        await harness.Logs.WaitForAsync(2, $"app 'search' subscribed to {PubSubHarness.PubSubName}/{harness.Topic} ");
        return harness;
    }
}
