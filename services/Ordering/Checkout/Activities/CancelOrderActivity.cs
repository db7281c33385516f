using Dapr.Workflow;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>Marks the order cancelled with its reason (and the short SKUs, or the refund) and announces it.</summary>
public sealed class CancelOrderActivity(OrderStore orders, OrderLifecycle lifecycle) : WorkflowActivity<CancelOrderInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, CancelOrderInput input)
    {
        var order = await orders.ChangeAsync(input.OrderId, (db, current) =>
        {
            if (!lifecycle.TryMove(db, current, OrderStatus.Cancelled, input.Reason)) return false;
            current.CancellationReason = input.Reason;
            current.ShortSkus = [.. input.ShortSkus];
            current.Refunded |= input.Refunded;
            return true;
        }, CancellationToken.None);
        return order?.Status == OrderStatus.Cancelled;
    }
}
