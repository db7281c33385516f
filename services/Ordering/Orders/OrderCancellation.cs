using Dapr.Workflow;
using Microsoft.Extensions.Options;
using SpaceOfSport.Ordering.Checkout;

namespace SpaceOfSport.Ordering.Orders;

/// <summary>
/// The customer cancels before the parcel leaves. While the checkout runs (pending, awaiting payment) the workflow is told
/// (the <c>payment-result</c> event with outcome customer-cancelled) and does the compensation itself: release the stock,
/// cancel the payment (refunding it if it went through meanwhile). Once paid, the payment is refunded in full, the units
/// that left stock with the payment go back (inventory's <c>Restock</c>, once per order) and the order is cancelled here.
/// Refund and restock are both keyed by the order, so a cancel retried after a crash between them does each once.
/// </summary>
public sealed class OrderCancellation(OrderStore orders, OrderLifecycle lifecycle, PaymentsClient payments, StockClient stock, DaprWorkflowClient workflows,
    IOptions<CheckoutOptions> options, TimeProvider clock)
{
    /// <summary>The order after cancelling; null when the lifecycle no longer allows it (shipped, delivered, cancelled).</summary>
    public async Task<Order?> CancelAsync(Order order, CancellationToken cancellationToken)
    {
        if (!OrderTransitions.CustomerMayCancel(order.Status)) return null;
        if (order.Status is OrderStatus.Pending or OrderStatus.AwaitingPayment)
        {
            await workflows.RaiseEventAsync(order.Id.ToString(), CheckoutWorkflow.PaymentResultEventName,
                new PaymentResultEvent(PaymentResultEvent.CustomerCancelled), cancellationToken);
            var deadline = clock.GetUtcNow() + options.Value.PlacementWait;
            var current = order;
            while (current.Status is OrderStatus.Pending or OrderStatus.AwaitingPayment && clock.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
                current = await orders.FindAsync(order.Id, cancellationToken) ?? current;
            }
            return current;
        }

        var refunded = await payments.RefundAllAsync(order.Id, "cancelled", cancellationToken);
        await stock.RestockAsync(RestockId(order.Id), StockClient.MainLocation, order.Lines.Select(l => (l.Sku, l.Quantity)), CancellationReasons.CustomerCancelled, cancellationToken);
        var cancelled = await orders.ChangeAsync(order.Id, (db, current) =>
        {
            if (!lifecycle.TryMove(db, current, OrderStatus.Cancelled, CancellationReasons.CustomerCancelled)) return false;
            current.CancellationReason = CancellationReasons.CustomerCancelled;
            current.Refunded |= refunded;
            return true;
        }, cancellationToken);
        return cancelled?.Status == OrderStatus.Cancelled ? cancelled : null;
    }

    /// <summary>The one restock a cancelled paid order may make.</summary>
    public static string RestockId(Guid orderId) => $"order-{orderId}-cancelled";
}
