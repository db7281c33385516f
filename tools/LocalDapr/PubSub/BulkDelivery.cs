using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalDapr.Components;

namespace LocalDapr.PubSub;

/// <summary>
/// Bulk subscribe (https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-bulk/) as daprd delivers
/// it to an HTTP app (dapr/dapr pkg/runtime/subscription/postman/http DeliverBulk): events for one route are gathered
/// until <c>maxMessagesCount</c> are waiting or <c>maxAwaitDurationMs</c> passed, then posted together as a
/// <c>com.dapr.event.sent.bulk</c> envelope <c>{id, type, topic, pubsubname, metadata, entries[{entryId, event,
/// contentType, metadata}]}</c>. The app answers <c>{statuses[{entryId, status}]}</c>: SUCCESS settles an entry, DROP
/// drops it (to the dead-letter topic when set), RETRY, an unknown status, or no status at all leaves it to be
/// redelivered; a failed call (non-2xx, unreachable) retries the whole batch per the inbound resiliency policy.
/// A batch holds at most as many events as the broker hands over at once (its delivery concurrency).
/// </summary>
internal sealed class BulkDelivery(Sidecar.LocalSidecar sidecar, TopicSubscription subscription, SubscriptionDelivery single, BulkSubscribeOptions options)
{
    public const string EventType = "com.dapr.event.sent.bulk";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Batch> _open = new(StringComparer.Ordinal);

    private ILogger Logger => sidecar.Logger;

    private string Name => $"{subscription.PubSubName}/{subscription.Topic}";

    public async Task<DeliveryOutcome> DeliverAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        var (_, cloudEvent) = single.Envelope(message);
        var eventId = cloudEvent["id"]?.ToString() ?? message.Id;
        if (single.IsExpired(cloudEvent))
        {
            Logger.LogWarning("pub/sub event {EventId} on {Subscription}: expired, dropped", eventId, Name);
            return DeliveryOutcome.Drop;
        }

        if (single.Route(cloudEvent) is not { } route)
        {
            Logger.LogWarning("pub/sub event {EventId} on {Subscription}: no route matched and no default route, dropped", eventId, Name);
            return DeliveryOutcome.Drop;
        }

        var entry = new Entry(message, cloudEvent, eventId, route);
        Add(entry);
        return await entry.Outcome.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Puts the entry in its route's open batch, which goes when full or when its wait is over.</summary>
    private void Add(Entry entry)
    {
        Batch? full = null;
        lock (_gate)
        {
            if (!_open.TryGetValue(entry.Route, out var batch))
            {
                batch = _open[entry.Route] = new Batch(entry.Route);
                _ = FlushLaterAsync(batch);
            }

            batch.Entries.Add(entry);
            if (batch.Entries.Count >= options.MaxMessagesCount)
            {
                _open.Remove(entry.Route);
                full = batch;
            }
        }

        if (full is not null) _ = Task.Run(() => FlushAsync(full), CancellationToken.None);
    }

    private async Task FlushLaterAsync(Batch batch)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(options.MaxAwaitDurationMs), sidecar.Services.Clock, sidecar.Stopping);
        }
        catch (OperationCanceledException)
        {
            // The sidecar stops; the entries' callers are cancelled with it.
            return;
        }

        lock (_gate)
        {
            // Already sent because it filled up (the route may have a newer open batch by now).
            if (!_open.TryGetValue(batch.Route, out var current) || current != batch) return;
            _open.Remove(batch.Route);
        }

        await FlushAsync(batch);
    }

    private async Task FlushAsync(Batch batch)
    {
        try
        {
            var statuses = await PostAsync(batch, sidecar.Stopping);
            foreach (var entry in batch.Entries)
            {
                switch (statuses is null ? null : statuses.GetValueOrDefault(entry.EntryId) ?? "")
                {
                    case "SUCCESS":
                        entry.Outcome.TrySetResult(DeliveryOutcome.Success);
                        break;
                    case "DROP":
                        Logger.LogWarning("pub/sub event {EventId} on {Subscription}: the app answered DROP in a bulk delivery", entry.EventId, Name);
                        entry.Outcome.TrySetResult(await single.DeadLetterAsync(entry.Message, entry.EventId, sidecar.Stopping) ?? DeliveryOutcome.Drop);
                        break;
                    case null:
                        // The call itself failed after its retries: the broker keeps the event where it can.
                        entry.Outcome.TrySetResult(DeliveryOutcome.Failed);
                        break;
                    case var status:
                        await RetryOrGiveUpAsync(entry, status);
                        break;
                }
            }
        }
        catch (Exception e)
        {
            foreach (var entry in batch.Entries)
            {
                if (e is OperationCanceledException) entry.Outcome.TrySetCanceled();
                else entry.Outcome.TrySetResult(DeliveryOutcome.Failed);
            }

            if (e is not OperationCanceledException) Logger.LogError(e, "bulk delivery of {Count} events on {Subscription} failed", batch.Entries.Count, Name);
        }
    }

    /// <summary>
    /// RETRY, an unknown status or none: daprd retries the entry per the inbound resiliency policy, so it joins a later
    /// batch after the policy's delay; when the retries are spent it goes to the dead-letter topic, or stays with the broker.
    /// </summary>
    private async Task RetryOrGiveUpAsync(Entry entry, string status)
    {
        var policy = sidecar.Resiliency.ForComponentInbound(subscription.PubSubName).Retry ?? Resiliency.RetryPolicy.Default;
        var maxRetries = policy.MaxRetries < 0 ? 10 : policy.MaxRetries;
        if (++entry.Retries <= maxRetries)
        {
            Logger.LogDebug("pub/sub event {EventId} on {Subscription}: the app answered {Status} in a bulk delivery, retrying",
                entry.EventId, Name, status.Length == 0 ? "no status" : status);
            _ = Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(policy.DelayBefore(entry.Retries), sidecar.Stopping);
                    Add(entry);
                }
                catch (OperationCanceledException)
                {
                    entry.Outcome.TrySetCanceled();
                }
            }, CancellationToken.None);
            return;
        }

        Logger.LogWarning("pub/sub event {EventId} on {Subscription}: still {Status} after {Retries} bulk retries", entry.EventId, Name,
            status.Length == 0 ? "no status" : status, maxRetries);
        entry.Outcome.TrySetResult(await single.DeadLetterAsync(entry.Message, entry.EventId, sidecar.Stopping) ?? DeliveryOutcome.Failed);
    }

    /// <summary>Posts the envelope, retrying per the inbound policy; the statuses by entry id, or null when every attempt failed.</summary>
    private async Task<Dictionary<string, string>?> PostAsync(Batch batch, CancellationToken cancellationToken)
    {
        var envelope = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["type"] = EventType,
            ["topic"] = subscription.Topic,
            ["pubsubname"] = subscription.PubSubName,
            ["metadata"] = new JsonObject(subscription.Metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))),
            ["entries"] = new JsonArray([.. batch.Entries.Select(e => (JsonNode)new JsonObject
            {
                ["entryId"] = e.EntryId,
                ["event"] = e.CloudEvent.DeepClone(),
                ["contentType"] = CloudEventEnvelope.ContentType,
                ["metadata"] = new JsonObject(e.Message.Metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))),
            })]),
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope);
        var policy = sidecar.Resiliency.ForComponentInbound(subscription.PubSubName).Retry ?? Resiliency.RetryPolicy.Default;
        var maxRetries = policy.MaxRetries < 0 ? 10 : policy.MaxRetries;
        for (var attempt = 0; attempt <= maxRetries; attempt++)
        {
            if (attempt > 0) await Task.Delay(policy.DelayBefore(attempt), cancellationToken);
            await sidecar.WaitUntilAppHealthyAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/" + batch.Route) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            try
            {
                using var response = await sidecar.App!.Client.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode) return Statuses(text);
                Logger.LogWarning("bulk delivery of {Count} events on {Subscription}: the app answered {Status} on /{Route}, retrying",
                    batch.Entries.Count, Name, (int)response.StatusCode, batch.Route);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                Logger.LogWarning("bulk delivery on {Subscription}: cannot reach the app on /{Route}, retrying: {Error}", Name, batch.Route, e.Message);
            }
        }

        return null;
    }

    /// <summary>The app's <c>{statuses: [{entryId, status}]}</c>; a body that is not one settles nothing.</summary>
    private Dictionary<string, string> Statuses(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var statuses = JsonNode.Parse(text)?["statuses"] as JsonArray ?? [];
            foreach (var item in statuses.OfType<JsonObject>())
            {
                if (item["entryId"]?.ToString() is { } id) result[id] = item["status"]?.ToString().ToUpperInvariant() ?? "";
            }
        }
        catch (JsonException e)
        {
            Logger.LogWarning("bulk delivery on {Subscription}: the app's answer is not a bulk response ({Error}); every entry is left for redelivery", Name, e.Message);
        }

        return result;
    }

    private sealed class Batch(string route)
    {
        public string Route { get; } = route;

        public List<Entry> Entries { get; } = [];
    }

    private sealed class Entry(BrokerMessage message, JsonObject cloudEvent, string eventId, string route)
    {
        public string Route { get; } = route;

        public int Retries { get; set; }

        public BrokerMessage Message { get; } = message;

        public JsonObject CloudEvent { get; } = cloudEvent;

        public string EventId { get; } = eventId;

        /// <summary>Unique within the batch, as daprd's entry ids are.</summary>
        public string EntryId { get; } = Guid.NewGuid().ToString();

        public TaskCompletionSource<DeliveryOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
