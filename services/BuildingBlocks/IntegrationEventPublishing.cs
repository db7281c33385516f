using System.Text.Json;
using Dapr.Client;
using SpaceOfSport.Contracts;

namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// Publishing an integration event straight to <c>pubsub</c> (services without an EF outbox, e.g. those keeping state in
/// the Dapr state store): its topic, and the CloudEvent id and type overridden as the outbox dispatcher does
/// (https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-cloudevents/), so consumers see the
/// contract's type and deduplicate by the event's own id.
/// </summary>
public static class IntegrationEventPublishing
{
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public static Task PublishIntegrationEventAsync<TEvent>(this DaprClient dapr, TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent =>
        dapr.PublishEventAsync(DaprComponents.PubSub, IntegrationEvent.Topic<TEvent>(), integrationEvent, new Dictionary<string, string>
        {
            ["cloudevent.id"] = integrationEvent.Id.ToString(),
            ["cloudevent.type"] = IntegrationEvent.CloudEventType<TEvent>(),
        }, cancellationToken);

    /// <summary>
    /// The event as the payload of a state transaction through a store with Dapr's outbox
    /// (https://docs.dapr.io/developing-applications/building-blocks/state-management/howto-outbox/): an
    /// <c>outbox.projection</c> of the upsert of <paramref name="key"/> in the same transaction, so the event is published
    /// (at least once) exactly when that write commits, with the same CloudEvent id and type as a direct publication.
    /// </summary>
    public static StateTransactionRequest OutboxProjection<TEvent>(string key, TEvent integrationEvent)
        where TEvent : IntegrationEvent =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(integrationEvent, Json), StateOperationType.Upsert, metadata: new Dictionary<string, string>
        {
            ["outbox.projection"] = "true",
            ["contentType"] = "application/json",
            ["cloudevent.id"] = integrationEvent.Id.ToString(),
            ["cloudevent.type"] = IntegrationEvent.CloudEventType<TEvent>(),
        });
}
