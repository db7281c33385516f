using System.Text;
using LocalDapr.PubSub;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.PubSub;

/// <summary>
/// In a multi-app run, the in-memory broker keeps what is published for an app that has not subscribed yet, as a
/// durable broker's pre-created consumer group would (Dapr's Redis Streams groups read from "0":
/// https://docs.dapr.io/reference/components-reference/supported-pubsub/setup-redis-pubsub/).
/// </summary>
public sealed class StartupRetentionTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    private static Task PublishAsync(InMemoryPubSub broker, string topic, string text) =>
        broker.PublishAsync(topic, Encoding.UTF8.GetBytes(text), NoMetadata, CancellationToken.None);

    private static Task<IAsyncDisposable> SubscribeAsync(InMemoryPubSub broker, string topic, string group, List<string> received) =>
        broker.SubscribeAsync(topic, group, (message, _) =>
        {
            lock (received) received.Add(Encoding.UTF8.GetString(message.Data));
            return Task.FromResult(DeliveryOutcome.Success);
        }, CancellationToken.None);

    [Fact]
    public async Task Messages_published_before_an_expected_app_subscribes_reach_it()
    {
        await using var broker = new InMemoryPubSub();
        broker.ExpectConsumerGroup("inventory");
        await PublishAsync(broker, "catalog-product-changed-v1", "first");
        await PublishAsync(broker, "other-topic", "not for inventory's subscription");
        await PublishAsync(broker, "catalog-product-changed-v1", "second");

        var received = new List<string>();
        await using var subscription = await SubscribeAsync(broker, "catalog-product-changed-v1", "inventory", received);
        await PublishAsync(broker, "catalog-product-changed-v1", "third");
        broker.ConsumerGroupSubscribed("inventory");

        await Eventually.UntilAsync(() => { lock (received) return received.Count == 3; }, "the two kept messages and the live one");
        lock (received) received.Should().BeEquivalentTo(["first", "second", "third"]);
    }

    [Fact]
    public async Task Nothing_is_kept_for_an_app_that_was_not_expected_or_has_finished_subscribing()
    {
        await using var broker = new InMemoryPubSub();
        broker.ExpectConsumerGroup("cart");
        broker.ConsumerGroupSubscribed("cart");
        await PublishAsync(broker, "orders", "published after cart subscribed to everything it wanted");
        await PublishAsync(broker, "orders", "nobody expected analytics");

        var cart = new List<string>();
        var analytics = new List<string>();
        await using var cartSubscription = await SubscribeAsync(broker, "orders", "cart", cart);
        await using var analyticsSubscription = await SubscribeAsync(broker, "orders", "analytics", analytics);
        await PublishAsync(broker, "orders", "live");

        await Eventually.UntilAsync(() => { lock (cart) lock (analytics) return cart.Count == 1 && analytics.Count == 1; }, "the live message at both");
        lock (cart) cart.Should().Equal("live");
        lock (analytics) analytics.Should().Equal("live");
    }
}
