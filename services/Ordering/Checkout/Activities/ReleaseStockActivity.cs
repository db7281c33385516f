using Dapr.Workflow;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>Gives the order's reserved units back (nothing to do when there is no pending reservation).</summary>
public sealed class ReleaseStockActivity(StockClient stock) : WorkflowActivity<Guid, bool>
{
    public override Task<bool> RunAsync(WorkflowActivityContext context, Guid orderId) => stock.ReleaseAsync(orderId, CancellationToken.None);
}
