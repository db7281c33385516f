using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Contracts.Events.Payments;
using SpaceOfSport.Notifications.Webhooks;

namespace SpaceOfSport.Notifications.Apis;

/// <summary>
/// The events partners subscribe to, received on <see cref="DaprComponents.PubSub"/> and queued for every endpoint that
/// wants them (<see cref="PartnerEventQueue"/>). <c>ordering-order-status-changed-v1</c> is queued by the customer
/// messages' subscription of the same topic (an app has one subscription per topic).
/// </summary>
public static partial class PartnerEventsApi
{
    public static IEndpointRouteBuilder MapPartnerEventsApi(this IEndpointRouteBuilder app)
    {
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PartnerEventsApi).FullName!);
        Subscribe<OrderPaid>(app, "/events/ordering/order-paid/partners", logger);
        Subscribe<ReturnRequested>(app, "/events/ordering/return-requested/partners", logger);
        Subscribe<RefundSucceeded>(app, "/events/payments/refund-succeeded/partners", logger);
        Subscribe<LowStock>(app, "/events/inventory/low-stock/partners", logger);
        return app;
    }

    private static void Subscribe<TEvent>(IEndpointRouteBuilder app, string route, ILogger logger)
        where TEvent : IntegrationEvent
    {
        var type = IntegrationEvent.CloudEventType<TEvent>();
        app.MapPost(route, async (HttpRequest request, PartnerEventQueue queue, CancellationToken cancellationToken) =>
        {
            var (message, unreadable) = await TopicDelivery.ReadAsync<TEvent>(request, cancellationToken);
            if (message is null) return TopicDelivery.Drop(logger, type, "body", unreadable!);
            try
            {
                await queue.EnqueueAsync(message, cancellationToken);
                return TopicDelivery.Success;
            }
            catch (DependencyUnavailableException exception)
            {
                LogRetry(logger, exception, type, message.Id);
                return TopicDelivery.Retry;
            }
        }).WithTopic(DaprComponents.PubSub, IntegrationEvent.Topic<TEvent>()).ExcludeFromDescription();
    }

    [LoggerMessage(LogLevel.Warning, "Queueing {EventType} {EventId} for partners failed; asking for redelivery")]
    private static partial void LogRetry(ILogger logger, Exception exception, string eventType, Guid eventId);
}
