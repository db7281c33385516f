using Dapr.Workflow;
using Microsoft.Extensions.Options;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>Reserves the order's lines (reservation id = order id): null when held, else the short SKUs.</summary>
public sealed class ReserveStockActivity(OrderStore orders, StockClient stock, IOptions<CheckoutOptions> options, CheckoutHold hold) : WorkflowActivity<Guid, string[]?>
{
    public override async Task<string[]?> RunAsync(WorkflowActivityContext context, Guid orderId)
    {
        var order = await orders.FindAsync(orderId, CancellationToken.None) ?? throw new InvalidOperationException($"order {orderId} does not exist");
        var shortSkus = await stock.ReserveAsync(orderId, order.Lines.Select(l => (l.Sku, l.Quantity)), options.Value.ReservationTtl, CancellationToken.None);
        if (shortSkus is null) await hold.AtAsync(CheckoutHold.StockReserved, orderId);
        return shortSkus?.ToArray();
    }
}
