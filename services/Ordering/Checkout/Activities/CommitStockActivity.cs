using Dapr.Workflow;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>The paid order's reserved units leave stock; false when the reservation had expired or been released.</summary>
public sealed class CommitStockActivity(StockClient stock, CheckoutHold hold) : WorkflowActivity<Guid, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, Guid orderId)
    {
        await hold.AtAsync(CheckoutHold.PaymentSucceeded, orderId);
        return await stock.CommitAsync(orderId, CancellationToken.None);
    }
}
