using Dapr.Workflow;
using Microsoft.Extensions.Options;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>
/// Reserves one use of the order's promotion code at cart (reservation keyed by the order id, held as long as the
/// stock): null when held or when the order has no code, else cart's reason the code cannot be used now.
/// </summary>
public sealed class ReservePromotionActivity(OrderStore orders, PromotionReservations promotions, IOptions<CheckoutOptions> options) : WorkflowActivity<Guid, string?>
{
    public override async Task<string?> RunAsync(WorkflowActivityContext context, Guid orderId)
    {
        var order = await orders.FindAsync(orderId, CancellationToken.None) ?? throw new InvalidOperationException($"order {orderId} does not exist");
        if (order.PromotionCode is not { } code) return null;
        return await promotions.ReserveAsync(orderId, code, order.UserId, options.Value.ReservationTtl, CancellationToken.None);
    }
}
