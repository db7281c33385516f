using Dapr.Workflow;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Payments;
using SpaceOfSport.Ordering.Checkout;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Apis;

/// <summary>
/// Payments' events become the checkout workflow's <c>payment-result</c> event (<c>RaiseEventAsync</c>, instance id =
/// order id). An event for an order not stored yet asks for redelivery; one for a finished checkout is ignored by the
/// workflow engine, so duplicated and late deliveries change nothing.
/// </summary>
public static partial class PaymentEventsApi
{
    public static IEndpointRouteBuilder MapPaymentEventsApi(this IEndpointRouteBuilder app)
    {
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PaymentEventsApi).FullName!);
        Subscribe<PaymentSucceeded>(app, "/events/payments/payment-succeeded", logger, e => (e.OrderId, new PaymentResultEvent(PaymentResultEvent.Succeeded)));
        Subscribe<PaymentFailed>(app, "/events/payments/payment-failed", logger, e => (e.OrderId, new PaymentResultEvent(PaymentResultEvent.Failed, e.DeclineCode ?? e.Code)));
        return app;
    }

    private static void Subscribe<TEvent>(IEndpointRouteBuilder app, string route, ILogger logger, Func<TEvent, (Guid OrderId, PaymentResultEvent Result)> translate)
        where TEvent : IntegrationEvent
    {
        var type = IntegrationEvent.CloudEventType<TEvent>();
        app.MapPost(route, async (HttpRequest request, OrderStore orders, DaprWorkflowClient workflows, CancellationToken cancellationToken) =>
        {
            var (message, unreadable) = await TopicDelivery.ReadAsync<TEvent>(request, cancellationToken);
            if (message is null) return TopicDelivery.Drop(logger, type, "body", unreadable!);
            var (orderId, result) = translate(message);
            if (orderId == Guid.Empty) return TopicDelivery.Drop(logger, type, "orderId", "is missing");
            try
            {
                if (await orders.FindAsync(orderId, cancellationToken) is null)
                {
                    LogOrderNotYetStored(logger, type, orderId);
                    return TopicDelivery.Retry;
                }
                await workflows.RaiseEventAsync(orderId.ToString(), CheckoutWorkflow.PaymentResultEventName, result, cancellationToken);
                return TopicDelivery.Success;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRetry(logger, exception, type, message.Id);
                return TopicDelivery.Retry;
            }
        }).WithTopic(DaprComponents.PubSub, IntegrationEvent.Topic<TEvent>()).ExcludeFromDescription();
    }

    [LoggerMessage(LogLevel.Information, "{EventType} for order {OrderId}, which is not stored yet; asking for redelivery")]
    private static partial void LogOrderNotYetStored(ILogger logger, string eventType, Guid orderId);

    [LoggerMessage(LogLevel.Warning, "Handling {EventType} {EventId} failed; asking for redelivery")]
    private static partial void LogRetry(ILogger logger, Exception exception, string eventType, Guid eventId);
}
