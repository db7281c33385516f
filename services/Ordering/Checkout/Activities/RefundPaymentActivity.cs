using Dapr.Workflow;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>Refunds everything paid for the order, once per reason.</summary>
public sealed class RefundPaymentActivity(PaymentsClient payments) : WorkflowActivity<RefundInput, bool>
{
    public override Task<bool> RunAsync(WorkflowActivityContext context, RefundInput input) => payments.RefundAllAsync(input.OrderId, input.Reason, CancellationToken.None);
}
