using Dapr.Workflow;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>The paid order's reserved units leave stock; false when the reservation had expired or been released.</summary>
public sealed class CommitStockActivity(StockClient stock) : WorkflowActivity<Guid, bool>
{
    public override Task<bool> RunAsync(WorkflowActivityContext context, Guid orderId) => stock.CommitAsync(orderId, CancellationToken.None);
}
