using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using LocalDapr.Components;
using StackExchange.Redis;

namespace LocalDapr.PubSub;

/// <summary>
/// <c>pubsub.redis</c> on Redis Streams, as Dapr's component does
/// (https://docs.dapr.io/reference/components-reference/supported-pubsub/setup-redis-pubsub/): one stream per topic
/// (<c>XADD</c> with field <c>data</c>, plus <c>metadata</c>), one consumer group per subscribing app, read with
/// <c>XREADGROUP</c> and acknowledged with <c>XACK</c> once the app took the message. A message that failed stays
/// pending; every <c>redeliverInterval</c> the subscriber claims entries idle longer than <c>processingTimeout</c>
/// (<c>XAUTOCLAIM</c>) and delivers them again, including those left by a subscriber that crashed.
/// </summary>
public sealed class RedisStreamsPubSub : IPubSub
{
    /// <summary>How long one blocking read waits; bounds how late a stopping subscriber notices.</summary>
    private const int ReadBlockMilliseconds = 1000;

    private readonly ConfigurationOptions _options;
    private readonly int _database;
    private readonly TimeSpan _redeliverInterval;
    private readonly TimeSpan _processingTimeout;
    private readonly int _queueDepth;
    private readonly int _concurrency;
    private readonly long? _maxLenApprox;
    private readonly ILogger _logger;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly Lock _gate = new();
    private readonly List<StreamSubscriber> _subscribers = [];

    public RedisStreamsPubSub(ComponentContext context)
    {
        try
        {
            _options = ConfigurationOptions.Parse(context.Required("redisHost"));
        }
        catch (ArgumentException e)
        {
            throw context.Error($"metadata 'redisHost' is not a Redis address: {e.Message}");
        }

        _options.Password = context.Optional("redisPassword") ?? _options.Password;
        _options.User = context.Optional("redisUsername") ?? _options.User;
        _options.Ssl = context.Bool("enableTLS", _options.Ssl);
        _options.AbortOnConnectFail = false;
        _options.ClientName = $"localdapr-{context.Name}";
        _database = context.Int("redisDB", 0);
        _redeliverInterval = context.Duration("redeliverInterval", TimeSpan.FromSeconds(60));
        _processingTimeout = context.Duration("processingTimeout", TimeSpan.FromSeconds(15));
        _queueDepth = Math.Max(1, context.Int("queueDepth", 100));
        _concurrency = Math.Max(1, context.Int("concurrency", 10));
        _maxLenApprox = context.Optional("maxLenApprox") is null ? null : context.Int("maxLenApprox", 0);
        _logger = context.Services.LoggerFactory.CreateLogger($"pubsub.redis.{context.Name}");
        _connection = new(() => ConnectionMultiplexer.ConnectAsync(_options));
    }

    public async Task PublishAsync(string topic, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var fields = metadata.Count == 0
            ? new NameValueEntry[] { new("data", data) }
            : [new("data", data), new("metadata", JsonSerializer.Serialize(metadata))];
        var database = await DatabaseAsync();
        await database.StreamAddAsync(topic, fields, maxLength: _maxLenApprox, useApproximateMaxLength: _maxLenApprox is not null)
            .WaitAsync(cancellationToken);
    }

    public async Task<IAsyncDisposable> SubscribeAsync(
        string topic, string consumerGroup, Func<BrokerMessage, CancellationToken, Task<DeliveryOutcome>> handler, CancellationToken cancellationToken)
    {
        var subscriber = new StreamSubscriber(this, topic, consumerGroup, handler);
        try
        {
            await subscriber.StartAsync(cancellationToken);
        }
        catch
        {
            await subscriber.DisposeAsync();
            throw;
        }

        lock (_gate) _subscribers.Add(subscriber);
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        List<StreamSubscriber> all;
        lock (_gate) all = [.. _subscribers];
        foreach (var subscriber in all) await subscriber.DisposeAsync();
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully) await (await _connection.Value).DisposeAsync();
    }

    private async Task<IDatabase> DatabaseAsync() => (await _connection.Value).GetDatabase(_database);

    private static BrokerMessage ToMessage(string topic, string id, IReadOnlyList<(RedisValue Name, RedisValue Value)> fields)
    {
        byte[] data = [];
        IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>();
        foreach (var (name, value) in fields)
        {
            if (name == "data") data = (byte[]?)value ?? [];
            else if (name == "metadata" && value.HasValue)
                metadata = JsonSerializer.Deserialize<Dictionary<string, string>>((string)value!) ?? [];
        }

        return new BrokerMessage(id, topic, data, metadata);
    }

    /// <summary>One subscriber instance: a consumer with its own name inside the group, so replicas compete for messages.</summary>
    private sealed class StreamSubscriber : IAsyncDisposable
    {
        private readonly RedisStreamsPubSub _owner;
        private readonly string _topic;
        private readonly string _group;
        private readonly string _consumer;
        private readonly Func<BrokerMessage, CancellationToken, Task<DeliveryOutcome>> _handler;
        private readonly CancellationTokenSource _stop = new();
        private readonly Channel<BrokerMessage> _queue;

        /// <summary>Entries read or claimed and not yet settled, so a reclaim does not hand one out twice.</summary>
        private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
        private readonly List<Task> _loops = [];
        private ConnectionMultiplexer? _blockingConnection;
        private bool _disposed;

        public StreamSubscriber(RedisStreamsPubSub owner, string topic, string group, Func<BrokerMessage, CancellationToken, Task<DeliveryOutcome>> handler)
        {
            _owner = owner;
            _topic = topic;
            _group = group;
            _consumer = $"{group}-{Guid.NewGuid():N}";
            _handler = handler;
            _queue = Channel.CreateBounded<BrokerMessage>(owner._queueDepth);
        }

        private ILogger Logger => _owner._logger;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await EnsureGroupAsync(cancellationToken);
            // XREADGROUP BLOCK holds its connection until it returns, so each subscriber reads on a connection of its own.
            var options = _owner._options.Clone();
            options.Protocol = RedisProtocol.Resp2; // ParseRead reads RESP2's nested arrays
            _blockingConnection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken);
            _loops.Add(Task.Run(ReadLoopAsync, CancellationToken.None));
            if (_owner._redeliverInterval > TimeSpan.Zero && _owner._processingTimeout > TimeSpan.Zero)
                _loops.Add(Task.Run(ReclaimLoopAsync, CancellationToken.None));
            for (var i = 0; i < _owner._concurrency; i++) _loops.Add(Task.Run(WorkLoopAsync, CancellationToken.None));
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            lock (_owner._gate) _owner._subscribers.Remove(this);
            await _stop.CancelAsync();
            _queue.Writer.TryComplete();
            if (_blockingConnection is not null) await _blockingConnection.CloseAsync(allowCommandsToComplete: false);
            await Task.WhenAll(_loops);
            await ForgetConsumerIfIdleAsync();
            if (_blockingConnection is not null) await _blockingConnection.DisposeAsync();
            _stop.Dispose();
        }

        /// <summary>XGROUP CREATE at "0" with MKSTREAM: a new group also gets what was published before it existed.</summary>
        private async Task EnsureGroupAsync(CancellationToken cancellationToken)
        {
            var database = await _owner.DatabaseAsync();
            try
            {
                await database.StreamCreateConsumerGroupAsync(_topic, _group, "0", createStream: true).WaitAsync(cancellationToken);
            }
            catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // The group exists: this app subscribed before, or another replica did.
            }
        }

        private async Task ReadLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var result = await _blockingConnection!.GetDatabase(_owner._database).ExecuteAsync("XREADGROUP",
                        "GROUP", _group, _consumer, "COUNT", _owner._queueDepth, "BLOCK", ReadBlockMilliseconds, "STREAMS", _topic, ">");
                    foreach (var message in ParseRead(result))
                    {
                        _inFlight.TryAdd(message.Id, 0);
                        await _queue.Writer.WriteAsync(message, _stop.Token);
                    }
                }
                catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or RedisException or ChannelClosedException or ObjectDisposedException)
                {
                    return;
                }
                catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
                {
                    // Someone deleted the stream or the group: create it again and keep reading.
                    await RecoverAsync(() => EnsureGroupAsync(_stop.Token));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Logger.LogWarning("reading stream {Topic} for group {Group} failed, retrying: {Error}", _topic, _group, e.Message);
                    await RecoverAsync(() => Task.Delay(TimeSpan.FromSeconds(1), _stop.Token));
                }
            }
        }

        /// <summary>Redelivers pending entries idle longer than processingTimeout, from any consumer of the group.</summary>
        private async Task ReclaimLoopAsync()
        {
            using var timer = new PeriodicTimer(_owner._redeliverInterval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    try
                    {
                        await ReclaimAsync();
                    }
                    catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
                    {
                        // The read loop recreates the group.
                    }
                    catch (RedisException e)
                    {
                        Logger.LogWarning("reclaiming pending entries of stream {Topic} for group {Group} failed: {Error}", _topic, _group, e.Message);
                    }
                }
            }
            catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or ChannelClosedException)
            {
                // Stopping.
            }
        }

        private async Task ReclaimAsync()
        {
            var database = await _owner.DatabaseAsync();
            RedisValue start = "0-0";
            do
            {
                var claimed = await database.StreamAutoClaimAsync(_topic, _group, _consumer,
                    (long)_owner._processingTimeout.TotalMilliseconds, start, _owner._queueDepth).WaitAsync(_stop.Token);
                foreach (var entry in claimed.ClaimedEntries)
                {
                    if (entry.IsNull || !_inFlight.TryAdd(entry.Id!, 0)) continue;
                    await _queue.Writer.WriteAsync(ToMessage(_topic, entry.Id!, entry.Values.Select(v => (v.Name, v.Value)).ToList()), _stop.Token);
                }

                start = claimed.NextStartId;
            }
            while (start != "0-0");
        }

        private async Task WorkLoopAsync()
        {
            try
            {
                await foreach (var message in _queue.Reader.ReadAllAsync(_stop.Token))
                {
                    try
                    {
                        var outcome = await _handler(message, _stop.Token);
                        if (outcome is DeliveryOutcome.Success or DeliveryOutcome.Drop)
                            await (await _owner.DatabaseAsync()).StreamAcknowledgeAsync(_topic, _group, message.Id).WaitAsync(_stop.Token);
                    }
                    catch (Exception e) when (!_stop.IsCancellationRequested)
                    {
                        // Left pending: the reclaim loop delivers it again.
                        Logger.LogError(e, "handling entry {Id} of stream {Topic} failed", message.Id, _topic);
                    }
                    finally
                    {
                        _inFlight.TryRemove(message.Id, out _);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Stopping: what is in flight stays pending for the next subscriber of the group.
            }
        }

        /// <summary>A stopping consumer with nothing pending leaves the group, so restarts do not pile up consumers.</summary>
        private async Task ForgetConsumerIfIdleAsync()
        {
            try
            {
                var database = await _owner.DatabaseAsync();
                var pending = await database.StreamPendingMessagesAsync(_topic, _group, 1, _consumer).WaitAsync(TimeSpan.FromSeconds(2));
                if (pending.Length == 0)
                    await database.ExecuteAsync("XGROUP", "DELCONSUMER", _topic, _group, _consumer).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                Logger.LogDebug("cannot remove consumer {Consumer} from group {Group}: {Error}", _consumer, _group, e.Message);
            }
        }

        private async Task RecoverAsync(Func<Task> recovery)
        {
            try
            {
                await recovery();
            }
            catch (Exception e) when (e is OperationCanceledException or RedisException)
            {
                // Stopping, or Redis is still away: the read loop tries again.
            }
        }

        /// <summary>Parses an XREADGROUP reply: [[stream, [[id, [field, value, ...]], ...]]], or nil after the block timed out.</summary>
        private IEnumerable<BrokerMessage> ParseRead(RedisResult result)
        {
            if (result.IsNull) yield break;
            foreach (var stream in (RedisResult[])result!)
            {
                var entries = (RedisResult[])((RedisResult[])stream!)[1]!;
                foreach (var entry in entries)
                {
                    var parts = (RedisResult[])entry!;
                    var id = (string)parts[0]!;
                    var values = parts[1].IsNull ? [] : (RedisResult[])parts[1]!;
                    var fields = new List<(RedisValue, RedisValue)>();
                    for (var i = 0; i + 1 < values.Length; i += 2) fields.Add(((RedisValue)values[i], (RedisValue)values[i + 1]));
                    yield return ToMessage(_topic, id!, fields);
                }
            }
        }
    }
}
