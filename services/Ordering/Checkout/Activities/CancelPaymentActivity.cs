using Dapr.Workflow;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>
/// Cancels the order's payment; if the customer paid meanwhile (payments refuses to cancel a success), refunds it all.
/// True when money went back.
/// </summary>
public sealed class CancelPaymentActivity(PaymentsClient payments) : WorkflowActivity<Guid, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, Guid orderId) =>
        await payments.CancelAsync(orderId, CancellationToken.None) == CancelOutcome.AlreadySucceeded
        && await payments.RefundAllAsync(orderId, "cancelled", CancellationToken.None);
}
