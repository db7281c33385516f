using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Contracts;

namespace SpaceOfSport.BuildingBlocks.Outbox;

public static class OutboxDbContextExtensions
{
    private static readonly JsonSerializerOptions PayloadJson = JsonConventions.Create();

    /// <summary>
    /// Adds <paramref name="integrationEvent"/> to the outbox: it is stored by the next <c>SaveChanges</c>, in the same
    /// transaction as the other changes, and published afterwards by <see cref="OutboxDispatcher{TDbContext}"/> to the
    /// topic its <see cref="IntegrationEventAttribute"/> names.
    /// </summary>
    public static OutboxMessage AddIntegrationEvent<TEvent>(this DbContext dbContext, TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        var message = new OutboxMessage
        {
            EventId = integrationEvent.Id,
            EventType = IntegrationEvent.CloudEventType<TEvent>(),
            Topic = IntegrationEvent.Topic<TEvent>(),
            Payload = JsonSerializer.Serialize(integrationEvent, PayloadJson),
            OccurredAt = integrationEvent.OccurredAt,
        };
        dbContext.Set<OutboxMessage>().Add(message);
        return message;
    }
}
