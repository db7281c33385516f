using System.Collections.Concurrent;
using System.Text.Json;
using LocalDapr.PubSub;

namespace SpaceOfSport.TestSupport;

/// <summary>A test subscriber on the service's <c>pubsub</c> component: keeps every CloudEvent of the given topics.</summary>
public sealed class EventCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEvent> _events = new();
    private readonly List<IAsyncDisposable> _subscriptions = [];

    /// <param name="consumerGroup">The collector's own consumer group, so it gets every event beside the real subscribers.</param>
    public static async Task<EventCollector> StartAsync(IPubSub pubSub, IEnumerable<string> topics, string consumerGroup = "test-event-collector")
    {
        var collector = new EventCollector();
        foreach (var topic in topics)
        {
            collector._subscriptions.Add(await pubSub.SubscribeAsync(topic, consumerGroup, (message, _) =>
            {
                using var envelope = JsonDocument.Parse(message.Data);
                var root = envelope.RootElement;
                collector._events.Enqueue(new ReceivedEvent(root.GetProperty("id").GetString()!, root.GetProperty("type").GetString()!, root.GetProperty("data").Clone()));
                return Task.FromResult(DeliveryOutcome.Success);
            }, CancellationToken.None));
        }
        return collector;
    }

    /// <summary>How long <see cref="WaitForAsync"/> waits: generous, because CI shares two cores with the whole shop.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    /// <summary>Polls until an event of <paramref name="type"/> matching <paramref name="match"/> arrived.</summary>
    public async Task<ReceivedEvent> WaitForAsync(string type, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (DateTime.UtcNow < deadline)
        {
            var found = _events.FirstOrDefault(e => e.Type == type && match(e.Data));
            if (found is not null) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no {type} event matched within {WaitLimit.TotalSeconds} s; received: {string.Join(", ", _events.Select(e => e.Type))}");
    }

    public IReadOnlyList<ReceivedEvent> Received => [.. _events];

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions) await subscription.DisposeAsync();
    }
}
