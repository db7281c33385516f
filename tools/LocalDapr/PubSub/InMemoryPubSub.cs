using System.Threading.Channels;

namespace LocalDapr.PubSub;

/// <summary>
/// <c>pubsub.in-memory</c>: one broker for the whole runtime, so events cross apps as they would through a real
/// broker. Messages live only in memory: a message whose handler fails is dropped after the sidecar's retries.
/// In a multi-app run, messages for apps that have not subscribed yet are kept for them (<see cref="IStartupRetention"/>).
/// </summary>
public sealed class InMemoryPubSub : IPubSub, IStartupRetention
{
    public const string ComponentType = "pubsub.in-memory";

    /// <summary>At most this many messages are kept per expected group (an app that never starts must not exhaust memory).</summary>
    public const int MaxRetainedPerGroup = 100_000;

    private readonly Lock _gate = new();
    private readonly List<Subscriber> _subscribers = [];
    private readonly Dictionary<(string Topic, string Group), long> _turns = [];
    private readonly Dictionary<string, List<BrokerMessage>> _retained = new(StringComparer.Ordinal);

    public Task PublishAsync(string topic, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var message = new BrokerMessage(Guid.CreateVersion7().ToString(), topic, data, metadata);
        lock (_gate)
        {
            // One delivery per consumer group; within a group, round-robin between its subscribers.
            foreach (var group in _subscribers.Where(s => s.Topic == topic).GroupBy(s => s.Group))
            {
                var members = group.ToList();
                var turn = _turns[(topic, group.Key)] = _turns.GetValueOrDefault((topic, group.Key)) + 1;
                members[(int)(turn % members.Count)].Queue.Writer.TryWrite(message);
            }

            foreach (var (group, retained) in _retained)
            {
                if (retained.Count < MaxRetainedPerGroup && !_subscribers.Any(s => s.Topic == topic && s.Group == group)) retained.Add(message);
            }
        }

        return Task.CompletedTask;
    }

    public void ExpectConsumerGroup(string consumerGroup)
    {
        lock (_gate)
        {
            if (!_subscribers.Any(s => s.Group == consumerGroup)) _retained.TryAdd(consumerGroup, []);
        }
    }

    public void ConsumerGroupSubscribed(string consumerGroup)
    {
        lock (_gate) _retained.Remove(consumerGroup);
    }

    public Task<IAsyncDisposable> SubscribeAsync(string topic, string consumerGroup, Func<BrokerMessage, CancellationToken, Task<DeliveryOutcome>> handler, CancellationToken cancellationToken)
    {
        var subscriber = new Subscriber(this, topic, consumerGroup, handler);
        lock (_gate)
        {
            _subscribers.Add(subscriber);
            if (_retained.TryGetValue(consumerGroup, out var retained))
            {
                // Hand over what was kept for this topic, in publish order, before anything published from now on.
                foreach (var message in retained.Where(m => m.Topic == topic)) subscriber.Queue.Writer.TryWrite(message);
                retained.RemoveAll(m => m.Topic == topic);
            }
        }

        return Task.FromResult<IAsyncDisposable>(subscriber);
    }

    public async ValueTask DisposeAsync()
    {
        List<Subscriber> all;
        lock (_gate) all = [.. _subscribers];
        foreach (var s in all) await s.DisposeAsync();
    }

    private sealed class Subscriber : IAsyncDisposable
    {
        private readonly InMemoryPubSub _owner;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _pump;

        public Subscriber(InMemoryPubSub owner, string topic, string group, Func<BrokerMessage, CancellationToken, Task<DeliveryOutcome>> handler)
        {
            _owner = owner;
            Topic = topic;
            Group = group;
            _pump = Task.Run(async () =>
            {
                // Deliveries run concurrently, as daprd's do; the handler owns retries.
                await Parallel.ForEachAsync(Queue.Reader.ReadAllAsync(_stop.Token),
                    new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = _stop.Token },
                    async (message, ct) => await handler(message, ct));
            });
        }

        public string Topic { get; }

        public string Group { get; }

        public Channel<BrokerMessage> Queue { get; } = Channel.CreateUnbounded<BrokerMessage>();

        public async ValueTask DisposeAsync()
        {
            lock (_owner._gate) _owner._subscribers.Remove(this);
            Queue.Writer.TryComplete();
            await _stop.CancelAsync();
            try
            {
                await _pump;
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }

            _stop.Dispose();
        }
    }
}
