using Dapr.Workflow;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>Gives the order's reserved promotion use back (nothing to do when it holds none).</summary>
public sealed class ReleasePromotionActivity(PromotionReservations promotions) : WorkflowActivity<Guid, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, Guid orderId)
    {
        await promotions.ReleaseAsync(orderId, CancellationToken.None);
        return true;
    }
}
