using Dapr.Workflow;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>The paid order's reserved promotion use counts (cart confirms once, however often asked).</summary>
public sealed class ConfirmPromotionActivity(PromotionReservations promotions) : WorkflowActivity<Guid, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, Guid orderId)
    {
        await promotions.ConfirmAsync(orderId, CancellationToken.None);
        return true;
    }
}
