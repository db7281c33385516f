using Dapr.Workflow;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>Marks the order cancelled with its reason (and the short SKUs, or the refund) and announces it.</summary>
public sealed class CancelOrderActivity(OrderStore orders, OrderLifecycle lifecycle) : WorkflowActivity<CancelOrderInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, CancelOrderInput input)
    {
        var order = await orders.ChangeAsync(input.OrderId,
            (db, current) => lifecycle.TryCancel(db, current, input.Reason, input.ShortSkus, input.Refunded), CancellationToken.None);
        return order?.Status == OrderStatus.Cancelled;
    }
}
