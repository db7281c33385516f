using Dapr.Workflow;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>The paid order's lines leave the cart it was placed from (true when they did; false: no such cart any more).</summary>
public sealed class ClearCartActivity(OrderStore orders, CartLines carts) : WorkflowActivity<ClearCartInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, ClearCartInput input)
    {
        if (input.CartOwner is not { } owner) return false;
        var order = await orders.FindAsync(input.OrderId, CancellationToken.None) ?? throw new InvalidOperationException($"order {input.OrderId} does not exist");
        return await carts.RemoveOrderedAsync(order, owner, CancellationToken.None);
    }
}
