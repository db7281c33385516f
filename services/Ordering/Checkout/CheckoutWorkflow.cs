using Dapr.Workflow;
using SpaceOfSport.Ordering.Checkout.Activities;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// One order's checkout, as a Dapr Workflow (instance id = order id): reserve the promotion code's use and the stock
/// (placement has usually reserved it already, under the same reservation id, so this step finds it held) →
/// create the payment → wait for <see cref="PaymentResultEvent"/> (raised from payments' events, or by the customer
/// cancelling) until the payment timeout → on success commit the stock, mark the order paid, confirm the code's use and
/// take the order's lines off the cart; on failure, timeout or cancel release the stock and the code's use, cancel the
/// payment (refund it if it succeeded meanwhile) and cancel the order. Paid but the stock commit failed (the
/// reservation expired) → refund at once and cancel. Every activity is idempotent (keyed by the order id) and retried
/// on transient faults, so a crash at any step resumes where it was without a second charge or a leaked reservation.
/// The custom status names the current step.
/// </summary>
public sealed class CheckoutWorkflow : Workflow<CheckoutInput, string>
{
    public const string PaymentResultEventName = "payment-result";

    /// <summary>Transient faults (a service restarting, a sidecar busy) are retried with backoff for about five minutes.</summary>
    public static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(
        maxNumberOfAttempts: 12, firstRetryInterval: TimeSpan.FromMilliseconds(500), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<string> RunAsync(WorkflowContext context, CheckoutInput input)
    {
        var orderId = input.OrderId;
        context.SetCustomStatus(CheckoutSteps.ReservingPromotion);
        var promotionRefusal = await context.CallActivityAsync<string?>(nameof(ReservePromotionActivity), orderId, Retry);
        if (promotionRefusal is not null)
        {
            context.SetCustomStatus(CheckoutSteps.Cancelled);
            // Placement may have reserved the stock already (it decides flash-sale losers there).
            await context.CallActivityAsync<bool>(nameof(ReleaseStockActivity), orderId, Retry);
            await context.CallActivityAsync<bool>(nameof(CancelOrderActivity),
                new CancelOrderInput(orderId, CancellationReasons.PromotionUnavailable(promotionRefusal), [], Refunded: false), Retry);
            return CheckoutSteps.Cancelled;
        }

        context.SetCustomStatus(CheckoutSteps.ReservingStock);
        var shortSkus = await context.CallActivityAsync<string[]?>(nameof(ReserveStockActivity), orderId, Retry);
        if (shortSkus is not null)
        {
            context.SetCustomStatus(CheckoutSteps.Cancelled);
            await context.CallActivityAsync<bool>(nameof(ReleasePromotionActivity), orderId, Retry);
            await context.CallActivityAsync<bool>(nameof(CancelOrderActivity), new CancelOrderInput(orderId, CancellationReasons.OutOfStock, shortSkus, Refunded: false), Retry);
            return CheckoutSteps.Cancelled;
        }

        context.SetCustomStatus(CheckoutSteps.CreatingPayment);
        var awaitingPayment = await context.CallActivityAsync<bool>(nameof(CreatePaymentActivity), orderId, Retry);
        PaymentResultEvent result;
        if (!awaitingPayment)
        {
            result = new PaymentResultEvent(PaymentResultEvent.CustomerCancelled);
        }
        else
        {
            context.SetCustomStatus(CheckoutSteps.AwaitingPayment);
            try
            {
                result = await context.WaitForExternalEventAsync<PaymentResultEvent>(PaymentResultEventName, TimeSpan.FromSeconds(input.PaymentTimeoutSeconds));
            }
            catch (TaskCanceledException)
            {
                result = new PaymentResultEvent(PaymentResultEvent.TimedOut);
            }
        }

        if (result.Outcome == PaymentResultEvent.Succeeded)
        {
            context.SetCustomStatus(CheckoutSteps.CommittingStock);
            if (await context.CallActivityAsync<bool>(nameof(CommitStockActivity), orderId, Retry))
            {
                context.SetCustomStatus(CheckoutSteps.Paid);
                await context.CallActivityAsync<bool>(nameof(MarkPaidActivity), orderId, Retry);
                await context.CallActivityAsync<bool>(nameof(ConfirmPromotionActivity), orderId, Retry);
                await context.CallActivityAsync<bool>(nameof(ClearCartActivity), new ClearCartInput(orderId, input.CartOwner), Retry);
                return CheckoutSteps.Paid;
            }

            // The reservation was gone when the money arrived: give it back at once and tell the customer.
            context.SetCustomStatus(CheckoutSteps.Refunding);
            await context.CallActivityAsync<bool>(nameof(RefundPaymentActivity), new RefundInput(orderId, CancellationReasons.StockLost), Retry);
            await context.CallActivityAsync<bool>(nameof(ReleasePromotionActivity), orderId, Retry);
            await context.CallActivityAsync<bool>(nameof(CancelOrderActivity), new CancelOrderInput(orderId, CancellationReasons.StockLost, [], Refunded: true), Retry);
            context.SetCustomStatus(CheckoutSteps.Cancelled);
            return CheckoutSteps.Cancelled;
        }

        context.SetCustomStatus(CheckoutSteps.Cancelling);
        await context.CallActivityAsync<bool>(nameof(ReleaseStockActivity), orderId, Retry);
        await context.CallActivityAsync<bool>(nameof(ReleasePromotionActivity), orderId, Retry);
        var refunded = await context.CallActivityAsync<bool>(nameof(CancelPaymentActivity), orderId, Retry);
        var reason = result.Outcome switch
        {
            PaymentResultEvent.Failed => CancellationReasons.PaymentFailed,
            PaymentResultEvent.TimedOut => CancellationReasons.PaymentTimeout,
            _ => CancellationReasons.CustomerCancelled,
        };
        await context.CallActivityAsync<bool>(nameof(CancelOrderActivity), new CancelOrderInput(orderId, reason, [], refunded), Retry);
        context.SetCustomStatus(CheckoutSteps.Cancelled);
        return CheckoutSteps.Cancelled;
    }
}

/// <param name="PaymentTimeoutSeconds">How long to wait for the payment, fixed when the checkout starts (workflow code reads no settings).</param>
/// <param name="CartOwner">Whose cart the order was taken from, to take the order's lines off it once paid (null: leave the cart alone).</param>
public sealed record CheckoutInput(Guid OrderId, int PaymentTimeoutSeconds, CartOwnerRef? CartOwner = null);

/// <summary>
/// The cart an order came from: its id, and its owner (the user, or the anonymous cart's cookie token, which stays in
/// the workflow's state: it is the guest's cart credential, never written to the order or an event).
/// </summary>
public sealed record CartOwnerRef(Guid CartId, Guid? UserId, string? AnonymousToken);

public sealed record ClearCartInput(Guid OrderId, CartOwnerRef? CartOwner);

/// <summary>What ends the wait: the payment's outcome from payments' events, or the customer cancelling.</summary>
public sealed record PaymentResultEvent(string Outcome, string? Code = null)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string CustomerCancelled = "customer-cancelled";
    public const string TimedOut = "timed-out";
}

public sealed record CancelOrderInput(Guid OrderId, string Reason, string[] ShortSkus, bool Refunded);

public sealed record RefundInput(Guid OrderId, string Reason);

/// <summary>The workflow's custom status: the step it is at.</summary>
public static class CheckoutSteps
{
    public const string ReservingPromotion = "reserving-promotion";
    public const string ReservingStock = "reserving-stock";
    public const string CreatingPayment = "creating-payment";
    public const string AwaitingPayment = "awaiting-payment";
    public const string CommittingStock = "committing-stock";
    public const string Paid = "paid";
    public const string Refunding = "refunding";
    public const string Cancelling = "cancelling";
    public const string Cancelled = "cancelled";
}

/// <summary>Why an order was cancelled, as <c>OrderStatusChanged.Reason</c> and the order's answer say.</summary>
public static class CancellationReasons
{
    public const string OutOfStock = "out-of-stock";
    public const string PaymentFailed = "payment-failed";
    public const string PaymentTimeout = "payment-timeout";
    public const string CustomerCancelled = "customer-cancelled";
    public const string StockLost = "stock-lost-refunded";
    public const string PromotionPrefix = "promotion-";

    /// <summary>The order's promotion code could not be reserved: <c>promotion-</c> + cart's reason (<c>promotion-usage-limit-reached</c>).</summary>
    public static string PromotionUnavailable(string cartReason) => PromotionPrefix + cartReason;
}
