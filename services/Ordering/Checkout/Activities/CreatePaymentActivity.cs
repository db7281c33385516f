using Dapr.Workflow;
using Microsoft.Extensions.Options;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Checkout.Activities;

/// <summary>
/// Creates the order's payment (payments makes one PaymentIntent per order, however often asked), keeps what the
/// customer's browser needs to pay, and moves the order to awaiting payment. False when the order was cancelled first.
/// </summary>
public sealed class CreatePaymentActivity(OrderStore orders, PaymentsClient payments, OrderLifecycle lifecycle, IOptions<CheckoutOptions> options, CheckoutHold hold)
    : WorkflowActivity<Guid, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, Guid orderId)
    {
        var order = await orders.FindAsync(orderId, CancellationToken.None) ?? throw new InvalidOperationException($"order {orderId} does not exist");
        if (order.Status == OrderStatus.Cancelled) return false;
        var payment = await payments.CreateAsync(orderId, order.TotalMinor, order.Currency, options.Value.PaymentReturnUrl, CancellationToken.None);
        await hold.AtAsync(CheckoutHold.PaymentCreated, orderId);
        var changed = await orders.ChangeAsync(orderId, (db, current) =>
        {
            if (current.Status != OrderStatus.Pending) return false;
            current.PaymentIntentId = payment.PaymentIntentId;
            current.PaymentClientSecret = payment.ClientSecret;
            current.PaymentPageUrl = payment.PaymentPageUrl;
            return lifecycle.TryMove(db, current, OrderStatus.AwaitingPayment);
        }, CancellationToken.None);
        return changed!.Status == OrderStatus.AwaitingPayment;
    }
}
