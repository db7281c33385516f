using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Payments.Data;
using SpaceOfSport.Payments.Payments;
using SpaceOfSport.Payments.Stripe;
using Stripe;

namespace SpaceOfSport.Payments.Refunds;

public enum RefundOutcome
{
    Created,

    /// <summary>The same Idempotency-Key was used before: that refund.</summary>
    Existing,
    NotFound,

    /// <summary>Nothing was captured yet: there is nothing to refund.</summary>
    NotPaid,

    /// <summary>More than was paid minus what was refunded before.</summary>
    AboveRefundable,
}

/// <summary>Full and partial refunds: never more than was captured, summed over the earlier refunds that did not fail.</summary>
public sealed class PaymentRefunds(PaymentsDbContext db, StripeAccount stripe, OrderLocks locks, PaymentSync sync, TimeProvider clock)
{
    public async Task<(RefundOutcome Outcome, Refund? Refund, Payment? Payment)> RefundAsync(
        Guid orderId, RefundRequest request, string requestKey, string actor, CancellationToken cancellationToken)
    {
        using (await locks.AcquireAsync(orderId, cancellationToken))
        {
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
            if (payment is null) return (RefundOutcome.NotFound, null, null);
            var earlier = await db.Refunds.SingleOrDefaultAsync(r => r.PaymentId == payment.Id && r.RequestKey == requestKey, cancellationToken);
            if (earlier is not null) return (RefundOutcome.Existing, earlier, payment);
            if (payment.Status != PaymentStatuses.Succeeded) return (RefundOutcome.NotPaid, null, payment);
            var amount = request.Amount ?? payment.Refundable;
            if (amount <= 0 || amount > payment.Refundable) return (RefundOutcome.AboveRefundable, null, payment);

            var client = await stripe.ClientAsync(cancellationToken);
            var stripeRefund = await client.V1.Refunds.CreateAsync(new RefundCreateOptions
            {
                PaymentIntent = payment.PaymentIntentId,
                Amount = amount,
                Reason = request.Reason,
                Metadata = new Dictionary<string, string> { ["order_id"] = orderId.ToString(), ["request_key"] = requestKey },
            }, new RequestOptions { IdempotencyKey = PaymentService.IdempotencyKey(orderId, $"refund-{requestKey}") }, cancellationToken);

            // A webhook may have recorded it first (same Stripe id): then that record is the refund.
            if (await db.Refunds.SingleOrDefaultAsync(r => r.StripeRefundId == stripeRefund.Id, cancellationToken) is { } recorded)
                return (RefundOutcome.Existing, recorded, payment);

            var now = clock.GetUtcNow();
            var refund = new Refund
            {
                PaymentId = payment.Id,
                OrderId = orderId,
                RequestKey = requestKey,
                StripeRefundId = stripeRefund.Id,
                Amount = stripeRefund.Amount,
                Currency = stripeRefund.Currency,
                Reason = request.Reason,
                Status = RefundStatuses.Pending,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Refunds.Add(refund);
            sync.ApplyRefund(db, payment, refund, stripeRefund, isNew: true, actor);
            payment.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (RefundOutcome.Created, refund, payment);
            }
            catch (DbUpdateException)
            {
                // Another replica's webhook handler recorded this refund (or changed the payment) first: that record stands.
                db.ChangeTracker.Clear();
                var stored = await db.Refunds.SingleOrDefaultAsync(r => r.StripeRefundId == stripeRefund.Id, cancellationToken);
                if (stored is null) throw;
                return (RefundOutcome.Existing, stored, await db.Payments.SingleAsync(p => p.Id == payment.Id, cancellationToken));
            }
        }
    }
}
