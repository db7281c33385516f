namespace LocalDapr.PubSub;

/// <summary>
/// A Dapr pub/sub broker (https://docs.dapr.io/reference/api/pubsub_api/). Subscriptions are per consumer group
/// (the component's consumerID, the app-id by default): each message reaches one subscriber in a group (competing
/// consumers) and every group (fan-out).
/// </summary>
public interface IPubSub : IAsyncDisposable
{
    Task PublishAsync(string topic, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>Starts delivering <paramref name="topic"/> to <paramref name="handler"/>; dispose the result to stop.</summary>
    Task<IAsyncDisposable> SubscribeAsync(
        string topic,
        string consumerGroup,
        Func<BrokerMessage, CancellationToken, Task<DeliveryOutcome>> handler,
        CancellationToken cancellationToken);
}
