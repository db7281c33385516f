using System.Text.Json;
using System.Threading.Channels;
using LocalDapr.Components;
using LocalDapr.PubSub;
using LocalDapr.Sidecar;
using LocalDapr.State;

namespace LocalDapr.Outbox;

/// <summary>
/// Dapr's transactional outbox for one sidecar
/// (https://docs.dapr.io/developing-applications/building-blocks/state-management/howto-outbox/). A state transaction
/// on a store with outbox metadata writes, in the same atomic transaction, one pending message per upsert (its value,
/// or the value of the <c>outbox.projection</c> item with the same key, as a CloudEvent for the store's publish topic);
/// once the transaction has committed, the relay publishes each message and then deletes it. A message is published
/// only if its transaction committed, and at least once: one whose publication failed, or was cut short by a crash,
/// is published again (with the same CloudEvent id) by the next sweep, which runs when the sidecar starts and after
/// every failure.
/// daprd coordinates through an internal topic on <c>outboxPubsub</c> and a marker key; here the pending message itself
/// is the marker, kept in the state store, so it survives a crash even with an in-memory broker. The observable
/// contract is the same: nothing published for a failed transaction, the event after the commit, at least once.
/// </summary>
public sealed class StateOutbox(LocalSidecar sidecar) : IAsyncDisposable
{
    private const string ProjectionMetadata = "outbox.projection";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(15);

    private readonly Channel<(string Store, string Key, PendingOutboxMessage Message)> _committed =
        Channel.CreateUnbounded<(string, string, PendingOutboxMessage)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private Task? _relay;

    /// <summary>Where this app's pending messages live in a store: the runtime's own keys, apart from the app's.</summary>
    private string KeyPrefix => $"{sidecar.AppId}||dapr-outbox||";

    /// <summary>
    /// The writes of a transaction on an outbox store: the items without <c>outbox.projection</c>, plus one pending
    /// message per upsert. A projection whose key no upsert of the transaction has fails it, as in daprd; so does an
    /// outbox whose pub/sub components this app cannot use.
    /// </summary>
    public (IReadOnlyList<StateOperation> Writes, IReadOnlyList<(string Key, PendingOutboxMessage Message)> Pending) Prepare(
        ComponentManifest store, OutboxSettings settings, IReadOnlyList<StateOperation> operations)
    {
        foreach (var pubsub in new[] { settings.OutboxPubSub, settings.PublishPubSub }.Distinct(StringComparer.Ordinal))
        {
            if (sidecar.Components.Find<IPubSub>(pubsub, sidecar.AppId) is null)
                throw DaprApiException.Internal("ERR_PUBLISH_OUTBOX", $"error while publishing outbox message: pubsub {pubsub} of state store {store.Name}'s outbox is not found");
        }

        var projections = new Dictionary<string, StateOperation>(StringComparer.Ordinal);
        var writes = new List<StateOperation>(operations.Count * 2);
        foreach (var operation in operations)
        {
            if (IsProjection(operation)) projections.TryAdd(operation.Key, operation);
            else writes.Add(operation);
        }

        if (projections.Keys.FirstOrDefault(key => !writes.Any(w => w.Kind == StateOperationKind.Upsert && w.Key == key)) is { } unmatched)
            throw DaprApiException.BadRequest("ERR_STATE_TRANSACTION", $"outbox projection with key {unmatched} has no upsert of the same key in the transaction");

        var now = sidecar.Services.Clock.GetUtcNow();
        var pending = new List<(string, PendingOutboxMessage)>();
        foreach (var upsert in writes.Where(w => w.Kind == StateOperationKind.Upsert).ToList())
        {
            var published = projections.GetValueOrDefault(upsert.Key) ?? upsert;
            var metadata = published.Metadata ?? new Dictionary<string, string>();
            byte[] cloudEvent;
            try
            {
                cloudEvent = CloudEventEnvelope.Create(published.Value ?? [], metadata.GetValueOrDefault("contentType"), settings.PublishTopic,
                    settings.PublishPubSub, sidecar.AppId, metadata, now, null);
            }
            catch (JsonException e)
            {
                throw DaprApiException.BadRequest("ERR_STATE_TRANSACTION", $"the outbox cannot make a CloudEvent of key {upsert.Key}: {e.Message}");
            }

            var message = new PendingOutboxMessage(settings.PublishPubSub, settings.PublishTopic, cloudEvent);
            var key = KeyPrefix + Guid.NewGuid().ToString("N");
            writes.Add(new StateOperation(StateOperationKind.Upsert, key, JsonSerializer.SerializeToUtf8Bytes(message)));
            pending.Add((key, message));
        }

        return (writes, pending);
    }

    /// <summary>Hands the messages of a committed transaction to the relay.</summary>
    public void Committed(string storeName, IReadOnlyList<(string Key, PendingOutboxMessage Message)> pending)
    {
        foreach (var (key, message) in pending) _committed.Writer.TryWrite((storeName, key, message));
    }

    /// <summary>Starts the relay: a sweep for what an earlier run left, then every committed message as it comes.</summary>
    public void Start() => _relay ??= Task.Run(() => RelayAsync(_stopping.Token));

    public async ValueTask DisposeAsync()
    {
        _committed.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_relay is not null) await _relay.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private static bool IsProjection(StateOperation operation) =>
        operation.Metadata?.TryGetValue(ProjectionMetadata, out var value) == true && value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private async Task RelayAsync(CancellationToken cancellationToken)
    {
        var retry = FirstRetry;
        var sweepDue = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (sweepDue)
                {
                    sweepDue = !await SweepAsync(cancellationToken);
                    retry = sweepDue ? Next(retry) : FirstRetry;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (sweepDue) wait.CancelAfter(retry);
                (string Store, string Key, PendingOutboxMessage Message) next;
                try
                {
                    next = await _committed.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    continue;
                }

                if (!await DeliverAsync(next.Store, next.Key, next.Message, cancellationToken)) sweepDue = true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ChannelClosedException)
            {
                return;
            }
        }
    }

    private static TimeSpan Next(TimeSpan retry) => retry * 2 > LastRetry ? LastRetry : retry * 2;

    /// <summary>Delivers every pending message of this app in every outbox store it uses; true when none is left.</summary>
    private async Task<bool> SweepAsync(CancellationToken cancellationToken)
    {
        var allDelivered = true;
        foreach (var (manifest, store) in sidecar.Components.All<IStateStore>(sidecar.AppId))
        {
            if (OutboxSettings.Of(manifest) is null) continue;
            IReadOnlyList<string> keys;
            try
            {
                keys = await store.KeysStartingWithAsync(KeyPrefix, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                sidecar.Logger.LogWarning("outbox of state store {Store}: cannot list pending messages, retrying: {Error}", manifest.Name, e.Message);
                allDelivered = false;
                continue;
            }

            foreach (var key in keys)
            {
                StateEntry? entry;
                try
                {
                    entry = await store.GetAsync(key, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    sidecar.Logger.LogWarning("outbox of state store {Store}: cannot read pending message {Key}, retrying: {Error}", manifest.Name, key, e.Message);
                    allDelivered = false;
                    continue;
                }

                // Delivered (and deleted) since the listing.
                if (entry is null) continue;
                if (JsonSerializer.Deserialize<PendingOutboxMessage>(entry.Value) is not { } message) continue;
                allDelivered &= await DeliverAsync(manifest.Name, key, message, cancellationToken);
            }
        }

        return allDelivered;
    }

    /// <summary>Publishes one message, then forgets it; false when either step failed (the next sweep tries again).</summary>
    private async Task<bool> DeliverAsync(string storeName, string key, PendingOutboxMessage message, CancellationToken cancellationToken)
    {
        var store = sidecar.Components.Find<IStateStore>(storeName, sidecar.AppId);
        var pubsub = sidecar.Components.Find<IPubSub>(message.PubSub, sidecar.AppId);
        if (store is null || pubsub is null) return false;
        try
        {
            await pubsub.PublishAsync(message.Topic, message.CloudEvent, new Dictionary<string, string>(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            sidecar.Logger.LogWarning("outbox of state store {Store}: publishing to topic {Topic} on pubsub {PubSub} failed, retrying: {Error}",
                storeName, message.Topic, message.PubSub, e.Message);
            return false;
        }

        try
        {
            await store.DeleteAsync(key, cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Published but not forgotten: the next sweep publishes it again (at least once).
            sidecar.Logger.LogWarning("outbox of state store {Store}: message {Key} was published but not deleted: {Error}", storeName, key, e.Message);
            return false;
        }
    }
}
