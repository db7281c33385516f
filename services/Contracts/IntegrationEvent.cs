using System.Reflection;

namespace SpaceOfSport.Contracts;

/// <summary>
/// The base of every integration event published through Dapr pub/sub (CloudEvents 1.0). A concrete event is a
/// record deriving from this one and marked with <see cref="IntegrationEventAttribute"/>, which names its CloudEvent
/// type and its topic. Consumers deduplicate by <see cref="Id"/>: delivery is at least once.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Unique per event, time-ordered (UUIDv7).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>When the change happened, in UTC.</summary>
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The CloudEvent <c>type</c> of <typeparamref name="TEvent"/>, e.g. <c>spaceofsport.ordering.order-placed.v1</c>.</summary>
    public static string CloudEventType<TEvent>() where TEvent : IntegrationEvent => DescriptorOf(typeof(TEvent)).CloudEventType;

    /// <summary>The pub/sub topic <typeparamref name="TEvent"/> is published to, e.g. <c>ordering-order-placed-v1</c>.</summary>
    public static string Topic<TEvent>() where TEvent : IntegrationEvent => DescriptorOf(typeof(TEvent)).Topic;

    private static IntegrationEventAttribute DescriptorOf(Type eventType) =>
        eventType.GetCustomAttribute<IntegrationEventAttribute>(inherit: false)
        ?? throw new InvalidOperationException($"{eventType.Name} needs [IntegrationEvent(domain, name)] to have a CloudEvent type and a topic");
}
