using Dapr.Workflow;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>Marks the order paid and announces it (<see cref="OrderPaid"/> and the status change, in one transaction).</summary>
public sealed class MarkPaidActivity(OrderStore orders, OrderLifecycle lifecycle) : WorkflowActivity<Guid, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, Guid orderId)
    {
        var order = await orders.ChangeAsync(orderId, (db, current) =>
        {
            if (!lifecycle.TryMove(db, current, OrderStatus.Paid)) return false;
            db.AddIntegrationEvent(new OrderPaid
            {
                OrderId = current.Id,
                UserId = current.UserId ?? Guid.Empty,
                PromotionCodes = current.PromotionCode is { } code ? [code] : [],
                TotalMinor = current.TotalMinor,
                Currency = current.Currency,
                Lines = [.. current.Lines.OrderBy(l => l.LineNumber).Select(l => new PaidLine(l.Sku, l.Quantity, l.UnitPriceMinor, l.LineTotalMinor))],
                OccurredAt = current.UpdatedAt,
            });
            return true;
        }, CancellationToken.None);
        return order?.Status == OrderStatus.Paid;
    }
}
