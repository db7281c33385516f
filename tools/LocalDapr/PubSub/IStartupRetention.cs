namespace LocalDapr.PubSub;

/// <summary>
/// A broker without durable subscriptions (in-memory) that, in a multi-app run, keeps what is published for an app
/// whose subscriptions are not known yet and hands it over when the app subscribes: what a durable broker's
/// consumer group, created before the publish, gives (Redis Streams groups read from "0"). Without it, events
/// published while a slower app starts (the catalog announcing its seed on a first run, say) would reach nobody.
/// </summary>
public interface IStartupRetention
{
    /// <summary>Keep messages for <paramref name="consumerGroup"/> (an app's consumer group) until it has subscribed.</summary>
    void ExpectConsumerGroup(string consumerGroup);

    /// <summary>The group subscribed to all its topics: what it did not subscribe to is dropped, nothing more is kept.</summary>
    void ConsumerGroupSubscribed(string consumerGroup);
}
