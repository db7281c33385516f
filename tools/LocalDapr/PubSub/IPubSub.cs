namespace LocalDapr.PubSub;

/// <summary>A message as the broker carries it: the CloudEvent envelope bytes plus broker metadata.</summary>
public sealed record BrokerMessage(string Id, string Topic, byte[] Data, IReadOnlyDictionary<string, string> Metadata);

/// <summary>What the subscriber decided about a message.</summary>
public enum DeliveryOutcome
{
    /// <summary>Processed: acknowledge.</summary>
    Success,

    /// <summary>Not processed, and never will be: acknowledge without processing (Dapr's DROP).</summary>
    Drop,

    /// <summary>Not processed now: leave it with the broker, which redelivers it later where it can.</summary>
    Failed,
}

/// <summary>
/// A Dapr pub/sub broker (https://docs.dapr.io/reference/api/pubsub_api/). Subscriptions are per consumer group
/// (the app-id): each message reaches one subscriber in a group (competing consumers) and every group (fan-out).
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
