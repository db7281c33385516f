using System.Text.Json;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts;

namespace SpaceOfSport.Notifications.Webhooks;

/// <summary>
/// Turns an integration event into one delivery per enabled endpoint that subscribed to its type, queued durably in
/// the state store (once per endpoint and event id, however often the event arrives), then wakes the delivery worker.
/// </summary>
public sealed class PartnerEventQueue(WebhookStore store, WebhookDeliveryWorker worker, TimeProvider clock)
{
    private const int SaveAttempts = 20;
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public async Task EnqueueAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        var type = WebhookEventTypes.Of(integrationEvent);
        var endpoints = (await store.EndpointsAsync(cancellationToken)).Where(e => e.Enabled && e.EventTypes.Contains(type)).ToList();
        if (endpoints.Count == 0) return;

        // The body partners receive and verify: Standard Webhooks' suggested shape, the event's own fields as data.
        var payload = JsonSerializer.Serialize(new { type, timestamp = integrationEvent.OccurredAt, data = integrationEvent }, Json);
        var now = clock.GetUtcNow();
        foreach (var endpoint in endpoints)
        {
            var delivery = new WebhookDelivery
            {
                EndpointId = endpoint.Id,
                EventId = integrationEvent.Id,
                EventType = type,
                Payload = payload,
                Status = WebhookDelivery.Pending,
                CreatedAt = now,
                RoundStartedAt = now,
                NextAttemptAt = now,
            };
            for (var attempt = 1; !await store.TryEnqueueAsync(delivery, cancellationToken); attempt++)
            {
                if (attempt >= SaveAttempts) throw new DependencyUnavailableException("state store", new InvalidOperationException($"the queue of {endpoint.Id} stayed contended"));
            }
        }
        worker.Wake();
    }
}
