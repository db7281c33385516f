using System.Text.Json;
using LocalDapr.Bindings;
using LocalDapr.Components;
using LocalDapr.PubSub;
using LocalDapr.Secrets;
using LocalDapr.State;

namespace LocalDapr.Sidecar;

/// <summary>
/// The building-block operations one sidecar offers its app, independent of protocol: the gRPC and HTTP APIs both
/// call these and translate <see cref="DaprApiException"/> into their own status codes.
/// </summary>
public sealed class SidecarOperations(LocalSidecar sidecar)
{
    private string AppId => sidecar.AppId;

    private ComponentSet Components => sidecar.Components;

    // ---- state (https://docs.dapr.io/reference/api/state_api/) ----

    public (IStateStore Store, ComponentManifest Manifest) StateStore(string name)
    {
        if (string.IsNullOrEmpty(name)) throw DaprApiException.BadRequest("ERR_STATE_STORE_NOT_FOUND", "state store name is empty");
        var found = Components.All<IStateStore>(AppId).FirstOrDefault(c => c.Manifest.Name == name);
        return found.Instance is null ? throw DaprApiException.NotFound("ERR_STATE_STORE_NOT_FOUND", $"state store {name}") : (found.Instance, found.Manifest);
    }

    /// <summary>Dapr prefixes keys with the app-id by default, so apps sharing a store do not collide (metadata keyPrefix).</summary>
    public string StoredKey(ComponentManifest store, string key)
    {
        var prefix = store.Metadata.TryGetValue("keyPrefix", out var p) ? p.Literal ?? "appid" : "appid";
        return prefix.ToLowerInvariant() switch
        {
            "appid" => $"{AppId}||{key}",
            "name" => $"{store.Name}||{key}",
            "none" => key,
            _ => $"{prefix}||{key}",
        };
    }

    public async Task<StateEntry?> GetStateAsync(string storeName, string key, CancellationToken cancellationToken)
    {
        var (store, manifest) = StateStore(storeName);
        return await store.GetAsync(StoredKey(manifest, key), cancellationToken);
    }

    public async Task<IReadOnlyList<(string Key, StateEntry? Entry)>> GetBulkStateAsync(string storeName, IReadOnlyList<string> keys, int parallelism, CancellationToken cancellationToken)
    {
        var (store, manifest) = StateStore(storeName);
        var stored = await store.BulkGetAsync(keys.Select(k => StoredKey(manifest, k)).ToList(), parallelism, cancellationToken);
        return stored.Select((item, i) => (keys[i], item.Entry)).ToList();
    }

    /// <summary>
    /// Runs writes atomically; keys are given as the app sees them. A transaction on a store with outbox metadata also
    /// writes its pending messages, which the outbox publishes once the transaction has committed (only the transaction
    /// API goes through the outbox, as in daprd).
    /// </summary>
    /// <param name="asTransaction">True for the transaction API, whose errors daprd reports as ERR_STATE_TRANSACTION.</param>
    public async Task WriteStateAsync(string storeName, IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken, bool asTransaction = false)
    {
        var errorCode = asTransaction ? "ERR_STATE_TRANSACTION"
            : operations.All(o => o.Kind == StateOperationKind.Delete) ? "ERR_STATE_DELETE"
            : "ERR_STATE_SAVE";
        var (store, manifest) = StateStore(storeName);
        if (operations.Any(o => string.IsNullOrEmpty(o.Key)))
            throw DaprApiException.BadRequest("ERR_MALFORMED_REQUEST", "a state key is empty");
        IReadOnlyList<StateOperation> stored = operations.Select(o => o with { Key = StoredKey(manifest, o.Key) }).ToList();
        IReadOnlyList<(string Key, Outbox.PendingOutboxMessage Message)> pending = [];
        if (asTransaction && Outbox.OutboxSettings.Of(manifest) is { } outbox) (stored, pending) = sidecar.Outbox.Prepare(manifest, outbox, stored);
        try
        {
            await store.TransactAsync(stored, cancellationToken);
            if (pending.Count > 0) sidecar.Outbox.Committed(manifest.Name, pending);
        }
        catch (ETagMismatchException e)
        {
            throw new DaprApiException(errorCode, Grpc.Core.StatusCode.Aborted, System.Net.HttpStatusCode.Conflict, e.Message, e);
        }
        catch (InvalidETagException e)
        {
            throw DaprApiException.BadRequest(errorCode, e.Message);
        }
    }

    // ---- pub/sub (https://docs.dapr.io/reference/api/pubsub_api/) ----

    public async Task PublishAsync(string pubsubName, string topic, byte[] data, string? contentType, IReadOnlyDictionary<string, string> metadata, string? traceParent, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(pubsubName)) throw DaprApiException.BadRequest("ERR_PUBSUB_EMPTY", "pubsub name is empty");
        if (string.IsNullOrEmpty(topic)) throw DaprApiException.BadRequest("ERR_TOPIC_EMPTY", $"topic is empty in pubsub {pubsubName}");
        var pubsub = Components.Find<IPubSub>(pubsubName, AppId) ?? throw DaprApiException.NotFound("ERR_PUBSUB_NOT_FOUND", $"pubsub {pubsubName}");
        byte[] envelope;
        try
        {
            envelope = CloudEventEnvelope.Create(data, contentType, topic, pubsubName, AppId, metadata, sidecar.Services.Clock.GetUtcNow(), traceParent);
        }
        catch (JsonException e)
        {
            throw DaprApiException.BadRequest("ERR_PUBSUB_CLOUD_EVENTS_SER", $"cannot make a CloudEvent of the data: {e.Message}");
        }

        try
        {
            await pubsub.PublishAsync(topic, envelope, metadata, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw DaprApiException.Internal("ERR_PUBSUB_PUBLISH_MESSAGE", $"error when publish to topic {topic} in pubsub {pubsubName}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Bulk publish (https://docs.dapr.io/reference/api/pubsub_api/#publish-multiple-messages-to-a-given-topic): each
    /// entry is published as <see cref="PublishAsync"/> publishes one event, with the request's metadata under its own;
    /// entry ids must be present and unique. Answers the entries that failed, with why.
    /// </summary>
    public async Task<IReadOnlyList<(string EntryId, string Error)>> BulkPublishAsync(string pubsubName, string topic, IReadOnlyList<BulkPublishEntry> entries,
        IReadOnlyDictionary<string, string> metadata, string? traceParent, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(pubsubName)) throw DaprApiException.BadRequest("ERR_PUBSUB_EMPTY", "pubsub name is empty");
        if (string.IsNullOrEmpty(topic)) throw DaprApiException.BadRequest("ERR_TOPIC_EMPTY", $"topic is empty in pubsub {pubsubName}");
        if (Components.Find<IPubSub>(pubsubName, AppId) is null) throw DaprApiException.NotFound("ERR_PUBSUB_NOT_FOUND", $"pubsub {pubsubName}");
        if (entries.Any(e => string.IsNullOrEmpty(e.EntryId)))
            throw DaprApiException.BadRequest("ERR_PUBSUB_EVENTS_SER", "error: entryId is mandatory for each entry in a bulk publish request");
        if (entries.GroupBy(e => e.EntryId).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw DaprApiException.BadRequest("ERR_PUBSUB_EVENTS_SER", $"error: entryId '{duplicate.Key}' is duplicated in the bulk publish request");

        var failed = new List<(string, string)>();
        foreach (var entry in entries)
        {
            var merged = new Dictionary<string, string>(metadata);
            foreach (var (key, value) in entry.Metadata) merged[key] = value;
            try
            {
                await PublishAsync(pubsubName, topic, entry.Data, entry.ContentType, merged, traceParent, cancellationToken);
            }
            catch (DaprApiException e)
            {
                failed.Add((entry.EntryId, e.Message));
            }
        }

        return failed;
    }

    // ---- bindings (https://docs.dapr.io/reference/api/bindings_api/) ----

    public async Task<BindingResponse> InvokeBindingAsync(string name, string operation, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var binding = Components.Find<IOutputBinding>(name, AppId)
            ?? throw DaprApiException.NotFound("ERR_INVOKE_OUTPUT_BINDING", $"output binding {name}");
        if (!binding.Operations.Contains(operation))
        {
            throw DaprApiException.BadRequest("ERR_INVOKE_OUTPUT_BINDING",
                $"binding {name} does not support operation '{operation}' (it supports {string.Join(", ", binding.Operations)})");
        }

        try
        {
            return await binding.InvokeAsync(operation, data, metadata, cancellationToken);
        }
        catch (BindingRequestException e)
        {
            throw DaprApiException.BadRequest("ERR_INVOKE_OUTPUT_BINDING", $"error invoking output binding {name}: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException and not DaprApiException)
        {
            throw DaprApiException.Internal("ERR_INVOKE_OUTPUT_BINDING", $"error invoking output binding {name}: {e.Message}", e);
        }
    }

    // ---- secrets (https://docs.dapr.io/reference/api/secrets_api/) ----

    public async Task<IReadOnlyDictionary<string, string>> GetSecretAsync(string storeName, string key, CancellationToken cancellationToken)
    {
        var store = SecretStore(storeName);
        return await store.GetAsync(key, cancellationToken)
            ?? throw DaprApiException.Internal("ERR_SECRET_GET", $"failed getting secret with key {key} from secret store {storeName}: secret {key} not found");
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> GetBulkSecretAsync(string storeName, CancellationToken cancellationToken) =>
        SecretStore(storeName).GetAllAsync(cancellationToken);

    private ISecretStore SecretStore(string name) =>
        (string.IsNullOrEmpty(name) ? null : Components.Find<ISecretStore>(name, AppId))
        ?? throw DaprApiException.NotFound("ERR_SECRET_STORE_NOT_FOUND", $"secret store {name}");
}

/// <summary>One event of a bulk publish.</summary>
public sealed record BulkPublishEntry(string EntryId, byte[] Data, string? ContentType, IReadOnlyDictionary<string, string> Metadata);
