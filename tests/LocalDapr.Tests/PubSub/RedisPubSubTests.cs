using LocalDapr.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using StackExchange.Redis;
using Order = LocalDapr.Tests.PubSub.PubSubConformanceTests.Order;

namespace LocalDapr.Tests.PubSub;

// Contract: https://docs.dapr.io/reference/components-reference/supported-pubsub/setup-redis-pubsub/
// (consumer groups on Redis Streams; redeliverInterval / processingTimeout redeliver what was not acknowledged)
public sealed class RedisPubSubTests
{
    private const string Backend = "redis";

    [Fact]
    public async Task Message_left_by_a_crashed_subscriber_is_redelivered_once_to_its_successor()
    {
        const string AppId = "order-worker";
        var topic = $"crash-{Guid.NewGuid():N}";
        try
        {
            // First life, with the default intervals (60s / 15s): it would not redeliver by itself during the test.
            var first = PubSubHarness.CreateWith(Backend, PubSubHarness.Component(Backend), topic);
            var firstApp = await first.StartAppAsync(AppId, web => web.MapPost("/orders", async (HttpRequest request, CancellationToken aborted) =>
            {
                await first.Inbox.RecordAsync(request, AppId);
                await Task.Delay(Timeout.Infinite, aborted); // never answers
                return Results.Ok();
            }).WithTopic(PubSubHarness.PubSubName, topic));
            await firstApp.Client.PublishEventAsync(PubSubHarness.PubSubName, topic, new Order("crash-1", "widget", 1));
            await first.Inbox.WaitForAsync(1);

            // The crash: the app drops its connections mid-request, then everything is torn down without an acknowledgement.
            await firstApp.App.StopAsync(new CancellationToken(canceled: true));
            await first.DisposeAsync();
            (await PendingAsync(topic, AppId)).Should().Be(1, "the message was never acknowledged");

            // Second life of the same app-id, redelivering quickly.
            var quick = PubSubHarness.Component(Backend, new Dictionary<string, string> { ["redeliverInterval"] = "1s", ["processingTimeout"] = "1s" });
            await using var second = PubSubHarness.CreateWith(Backend, quick, topic);
            await second.StartAppAsync(AppId, web => web.MapPost("/orders", async (HttpRequest request) =>
            {
                await second.Inbox.RecordAsync(request, AppId);
                return Results.Ok();
            }).WithTopic(PubSubHarness.PubSubName, topic));

            var redelivered = await second.Inbox.WaitForAsync(1);
            await Eventually.UntilAsync(async () => await PendingAsync(topic, AppId) == 0, "the acknowledgement of the redelivered message");
            redelivered.Should().ContainSingle().Which.Body.Should().Contain("crash-1");
            second.Inbox.Deliveries.Should().ContainSingle("an acknowledged message is not delivered again");
        }
        finally
        {
            await PubSubHarness.DeleteStreamsAsync([topic]);
        }
    }

    [Fact]
    public async Task Message_published_while_the_subscriber_is_down_is_delivered_when_it_starts()
    {
        await using var harness = PubSubHarness.Create(Backend);
        void Map(WebApplication web) => web.MapPost("/orders", async (HttpRequest request) =>
        {
            await harness.Inbox.RecordAsync(request, "late-worker");
            return Results.Ok();
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic);

        // The first start creates the consumer group; then the subscriber goes away.
        await harness.StopAppAsync(await harness.StartAppAsync("late-worker", Map));
        var publisher = await harness.StartPublisherAsync();
        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("while-down", "widget", 1));

        await harness.StartAppAsync("late-worker", Map);

        await harness.Logs.WaitForAsync(1, $"{PubSubHarness.PubSubName}/{harness.Topic}: delivered to /orders");
        harness.Inbox.Deliveries.Should().ContainSingle().Which.Body.Should().Contain("while-down");
    }

    private static async Task<long> PendingAsync(string topic, string group)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Backends.RedisHost);
        return (await redis.GetDatabase().StreamPendingAsync(topic, group)).PendingMessageCount;
    }
}
