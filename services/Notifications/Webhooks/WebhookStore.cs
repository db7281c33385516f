using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Notifications.Webhooks;

/// <summary>
/// Partner webhooks in the state store: endpoints (<c>webhook-endpoint-{id}</c>, listed in <c>webhook-endpoints</c>),
/// each endpoint's queue (<c>webhook-queue-{id}</c>) and its deliveries (<c>webhook-delivery-{id}-{eventId}</c>). A change
/// that touches two keys is one ETag-checked transaction, so nothing is half written; a lost race answers false and
/// the caller reads again.
/// </summary>
public sealed class WebhookStore(DaprClient dapr)
{
    public const int RecentDeliveries = 200;
    private const string IndexKey = "webhook-endpoints";
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public static string EndpointKey(Guid id) => $"webhook-endpoint-{id:N}";

    public static string QueueKey(Guid endpointId) => $"webhook-queue-{endpointId:N}";

    public static string DeliveryKey(Guid endpointId, Guid eventId) => $"webhook-delivery-{endpointId:N}-{eventId:N}";

    public async Task<(T? Value, string? ETag)> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var (value, etag) = await dapr.GetStateAndETagAsync<T?>(DaprComponents.StateStore, key, cancellationToken: cancellationToken);
            return (value, string.IsNullOrEmpty(etag) ? null : etag);
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    public async Task<IReadOnlyList<T>> GetManyAsync<T>(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.ToList();
        if (wanted.Count == 0) return [];
        try
        {
            var items = await dapr.GetBulkStateAsync(DaprComponents.StateStore, wanted, parallelism: 8, cancellationToken: cancellationToken);
            var byKey = items.Where(i => !string.IsNullOrEmpty(i.Value)).ToDictionary(i => i.Key, i => JsonSerializer.Deserialize<T>(i.Value, Json)!);
            return [.. wanted.Where(byKey.ContainsKey).Select(k => byKey[k])];
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    public async Task<IReadOnlyList<Guid>> EndpointIdsAsync(CancellationToken cancellationToken) =>
        (await GetAsync<List<Guid>>(IndexKey, cancellationToken)).Value ?? [];

    public async Task<IReadOnlyList<WebhookEndpoint>> EndpointsAsync(CancellationToken cancellationToken) =>
        await GetManyAsync<WebhookEndpoint>((await EndpointIdsAsync(cancellationToken)).Select(EndpointKey), cancellationToken);

    /// <summary>Adds a new endpoint and lists it, in one transaction.</summary>
    public async Task<bool> TryAddAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        var (index, etag) = await GetAsync<List<Guid>>(IndexKey, cancellationToken);
        return await TryTransactAsync(cancellationToken,
            Write(IndexKey, (List<Guid>)[.. index ?? [], endpoint.Id], etag),
            Write(EndpointKey(endpoint.Id), endpoint, etag: null));
    }

    public Task<bool> TryReplaceAsync(WebhookEndpoint endpoint, string etag, CancellationToken cancellationToken) =>
        TryTransactAsync(cancellationToken, Write(EndpointKey(endpoint.Id), endpoint, etag));

    /// <summary>Removes the endpoint, its queue and its listing; its deliveries' records are left to expire with nothing pointing at them.</summary>
    public async Task<bool> TryRemoveAsync(Guid id, string endpointETag, CancellationToken cancellationToken)
    {
        var (index, etag) = await GetAsync<List<Guid>>(IndexKey, cancellationToken);
        return await TryTransactAsync(cancellationToken,
            Write(IndexKey, (List<Guid>)[.. (index ?? []).Where(e => e != id)], etag),
            new StateTransactionRequest(EndpointKey(id), null, StateOperationType.Delete, endpointETag),
            new StateTransactionRequest(QueueKey(id), null, StateOperationType.Delete));
    }

    /// <summary>
    /// Queues <paramref name="delivery"/> unless this endpoint already has that event (idempotent by event id); false
    /// when another writer changed the queue meanwhile.
    /// </summary>
    public async Task<bool> TryEnqueueAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var key = DeliveryKey(delivery.EndpointId, delivery.EventId);
        if ((await GetAsync<WebhookDelivery>(key, cancellationToken)).Value is not null) return true;
        var (queue, etag) = await GetAsync<WebhookQueue>(QueueKey(delivery.EndpointId), cancellationToken);
        queue ??= new WebhookQueue();
        return await TryTransactAsync(cancellationToken,
            Write(key, delivery, etag: null),
            Write(QueueKey(delivery.EndpointId), Queued(queue, delivery.EventId), etag));
    }

    /// <summary>Puts an existing delivery back at the end of its endpoint's queue for a new round (a replay).</summary>
    public Task<bool> TryRequeueAsync(WebhookDelivery delivery, string deliveryETag, WebhookQueue queue, string? queueETag, CancellationToken cancellationToken) =>
        TryTransactAsync(cancellationToken,
            Write(DeliveryKey(delivery.EndpointId, delivery.EventId), delivery, deliveryETag),
            Write(QueueKey(delivery.EndpointId), Queued(queue, delivery.EventId), queueETag));

    public Task<bool> TrySaveQueueAsync(Guid endpointId, WebhookQueue queue, string? etag, CancellationToken cancellationToken) =>
        TryTransactAsync(cancellationToken, Write(QueueKey(endpointId), queue, etag));

    /// <summary>Records an attempt's outcome: the delivery, the queue (head removed when it is done), optionally the endpoint (disabled), together.</summary>
    public Task<bool> TryRecordAsync(WebhookDelivery delivery, WebhookQueue queue, string queueETag, (WebhookEndpoint Endpoint, string ETag)? endpoint,
        CancellationToken cancellationToken)
    {
        List<StateTransactionRequest> writes =
        [
            // The queue's ETag guards the delivery too: only the replica holding the queue's head records its attempts.
            Overwrite(DeliveryKey(delivery.EndpointId, delivery.EventId), delivery),
            Write(QueueKey(delivery.EndpointId), queue, queueETag),
        ];
        if (endpoint is { } changed) writes.Add(Write(EndpointKey(changed.Endpoint.Id), changed.Endpoint, changed.ETag));
        return TryTransactAsync(cancellationToken, [.. writes]);
    }

    private static WebhookQueue Queued(WebhookQueue queue, Guid eventId) => queue with
    {
        Pending = queue.Pending.Contains(eventId) ? queue.Pending : [.. queue.Pending, eventId],
        Recent = [eventId, .. queue.Recent.Where(e => e != eventId).Take(RecentDeliveries - 1)],
    };

    /// <summary>An upsert checked against <paramref name="etag"/>; without one, only if the key does not exist yet.</summary>
    private static StateTransactionRequest Write<T>(string key, T value, string? etag) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, Json), StateOperationType.Upsert, etag,
            options: etag is null ? new StateOptions { Concurrency = ConcurrencyMode.FirstWrite } : null);

    private static StateTransactionRequest Overwrite<T>(string key, T value) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, Json), StateOperationType.Upsert);

    private async Task<bool> TryTransactAsync(CancellationToken cancellationToken, params StateTransactionRequest[] operations)
    {
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprComponents.StateStore, operations, cancellationToken: cancellationToken);
            return true;
        }
        catch (DaprException exception) when (exception.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.FailedPrecondition })
        {
            return false;
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }
}
