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
    public static Task PublishIntegrationEventAsync<TEvent>(this DaprClient dapr, TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent =>
        dapr.PublishEventAsync(DaprComponents.PubSub, IntegrationEvent.Topic<TEvent>(), integrationEvent, new Dictionary<string, string>
        {
            ["cloudevent.id"] = integrationEvent.Id.ToString(),
            ["cloudevent.type"] = IntegrationEvent.CloudEventType<TEvent>(),
        }, cancellationToken);
}
