using Dapr.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
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
        app.MapSubscription<PaymentSucceeded>(DaprComponents.PubSub, "/events/payments/payment-succeeded", logger, (e, services, cancellationToken) =>
            RaisePaymentResultAsync<PaymentSucceeded>(logger, e.OrderId, new PaymentResultEvent(PaymentResultEvent.Succeeded), services, cancellationToken));
        app.MapSubscription<PaymentFailed>(DaprComponents.PubSub, "/events/payments/payment-failed", logger, (e, services, cancellationToken) =>
            RaisePaymentResultAsync<PaymentFailed>(logger, e.OrderId, new PaymentResultEvent(PaymentResultEvent.Failed, e.DeclineCode ?? e.Code), services, cancellationToken));
        return app;
    }

    private static async Task<Ok<DeliveryStatus>> RaisePaymentResultAsync<TEvent>(ILogger logger, Guid orderId, PaymentResultEvent result, IServiceProvider services, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        var type = IntegrationEvent.CloudEventType<TEvent>();
        if (orderId == Guid.Empty) return TopicDelivery.Drop(logger, type, "orderId", "is missing");
        try
        {
            if (await services.GetRequiredService<OrderStore>().FindAsync(orderId, cancellationToken) is null)
            {
                LogOrderNotYetStored(logger, type, orderId);
                return TopicDelivery.Retry;
            }
            await services.GetRequiredService<DaprWorkflowClient>().RaiseEventAsync(orderId.ToString(), CheckoutWorkflow.PaymentResultEventName, result, cancellationToken);
            return TopicDelivery.Success;
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or DependencyUnavailableException))
        {
            // The order store or the workflow engine failed: nothing changed, so the delivery may come again.
            throw new DependencyUnavailableException("the order store or the workflow engine", exception);
        }
    }

    [LoggerMessage(LogLevel.Information, "{EventType} for order {OrderId}, which is not stored yet; asking for redelivery")]
    private static partial void LogOrderNotYetStored(ILogger logger, string eventType, Guid orderId);
}
