using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Contracts.Events.Payments;
using SpaceOfSport.Payments.Data;
using SpaceOfSport.Payments.Ledger;
using SpaceOfSport.Payments.Refunds;
using StripePaymentIntent = Stripe.PaymentIntent;
using StripeRefund = Stripe.Refund;

namespace SpaceOfSport.Payments.Payments;

/// <summary>
/// Brings a payment or refund to what Stripe reports now, adding the ledger entries and integration events of the
/// transitions this crosses to the same unit of work (the caller saves once: state, ledger and outbox commit together).
/// Applying the same report twice, or an older one after a newer, crosses nothing: final states never go back, and
/// each failure is announced once.
/// </summary>
public sealed class PaymentSync(TimeProvider clock)
{
    public const string StripeActor = "stripe";

    public void ApplyPaymentIntent(PaymentsDbContext db, Payment payment, StripePaymentIntent intent)
    {
        var now = clock.GetUtcNow();
        payment.SyncedAt = now;
        if (PaymentStatuses.IsFinal(payment.Status)) return;

        switch (intent.Status)
        {
            case PaymentStatuses.Succeeded:
                payment.Status = PaymentStatuses.Succeeded;
                payment.AmountReceived = intent.AmountReceived;
                payment.ActionUrl = null;
                db.Ledger.Add(new LedgerEntry
                {
                    OrderId = payment.OrderId,
                    PaymentId = payment.Id,
                    Kind = LedgerKinds.Charge,
                    Amount = intent.AmountReceived,
                    Currency = payment.Currency,
                    StripeObjectId = intent.Id,
                    Actor = StripeActor,
                    OccurredAt = now,
                });
                db.AddIntegrationEvent(new PaymentSucceeded
                {
                    OrderId = payment.OrderId,
                    PaymentId = payment.Id,
                    PaymentIntentId = intent.Id,
                    Amount = intent.AmountReceived,
                    Currency = payment.Currency,
                    OccurredAt = now,
                });
                return;
            case PaymentStatuses.Canceled:
                payment.Status = PaymentStatuses.Canceled;
                payment.ActionUrl = null;
                return;
            case PaymentStatuses.RequiresAction:
                if (payment.Status == PaymentStatuses.RequiresAction) return;
                payment.Status = PaymentStatuses.RequiresAction;
                payment.ActionUrl = intent.NextAction?.RedirectToUrl?.Url;
                db.AddIntegrationEvent(new PaymentRequiresAction
                {
                    OrderId = payment.OrderId,
                    PaymentId = payment.Id,
                    PaymentIntentId = intent.Id,
                    ActionUrl = payment.ActionUrl,
                    OccurredAt = now,
                });
                return;
            default:
                payment.Status = intent.Status;
                payment.ActionUrl = null;
                AnnounceFailure(db, payment, intent, now);
                return;
        }
    }

    /// <summary>A failed attempt (declined, authentication failed) is announced once, however many events report it.</summary>
    private static void AnnounceFailure(PaymentsDbContext db, Payment payment, StripePaymentIntent intent, DateTimeOffset now)
    {
        if (intent.LastPaymentError is not { } error) return;
        var key = error.Charge ?? $"{error.Code}:{error.PaymentMethod?.Id}";
        if (key == payment.LastFailureKey) return;
        payment.LastFailureKey = key;
        payment.FailureCode = error.Code;
        payment.DeclineCode = error.DeclineCode;
        db.AddIntegrationEvent(new PaymentFailed
        {
            OrderId = payment.OrderId,
            PaymentId = payment.Id,
            PaymentIntentId = intent.Id,
            Code = error.Code ?? "unknown",
            DeclineCode = error.DeclineCode,
            Message = error.Message,
            OccurredAt = now,
        });
    }

    /// <summary>A refund's status as Stripe reports it; <paramref name="isNew"/> when the refund was just recorded (its amount not yet counted).</summary>
    public void ApplyRefund(PaymentsDbContext db, Payment payment, Refund refund, StripeRefund stripeRefund, bool isNew, string actor)
    {
        var now = clock.GetUtcNow();
        var before = isNew ? null : refund.Status;
        var after = stripeRefund.Status;
        refund.UpdatedAt = now;
        payment.SyncedAt = now;
        if (before is RefundStatuses.Failed or RefundStatuses.Canceled) return;

        refund.Status = after;
        var held = before is not null && RefundStatuses.HoldsAmount(before);
        if (!held && RefundStatuses.HoldsAmount(after)) payment.AmountRefunded += refund.Amount;
        if (held && !RefundStatuses.HoldsAmount(after)) payment.AmountRefunded -= refund.Amount;

        if (after == RefundStatuses.Succeeded && before != RefundStatuses.Succeeded)
        {
            AddLedger(db, payment, refund, LedgerKinds.Refund, -refund.Amount, actor, now);
            db.AddIntegrationEvent(new RefundSucceeded
            {
                OrderId = payment.OrderId,
                PaymentId = payment.Id,
                RefundId = refund.Id,
                StripeRefundId = refund.StripeRefundId,
                Amount = refund.Amount,
                Currency = refund.Currency,
                TotalRefunded = payment.AmountRefunded,
                OccurredAt = now,
            });
        }
        else if (after is RefundStatuses.Failed or RefundStatuses.Canceled)
        {
            refund.FailureReason = stripeRefund.FailureReason;
            // The money left the shop when the refund succeeded; it comes back now.
            if (before == RefundStatuses.Succeeded) AddLedger(db, payment, refund, LedgerKinds.RefundReversal, refund.Amount, StripeActor, now);
            db.AddIntegrationEvent(new RefundFailed
            {
                OrderId = payment.OrderId,
                PaymentId = payment.Id,
                RefundId = refund.Id,
                StripeRefundId = refund.StripeRefundId,
                Amount = refund.Amount,
                Currency = refund.Currency,
                FailureReason = stripeRefund.FailureReason,
                OccurredAt = now,
            });
        }
    }

    private static void AddLedger(PaymentsDbContext db, Payment payment, Refund refund, string kind, long amount, string actor, DateTimeOffset now) =>
        db.Ledger.Add(new LedgerEntry
        {
            OrderId = payment.OrderId,
            PaymentId = payment.Id,
            Kind = kind,
            Amount = amount,
            Currency = refund.Currency,
            StripeObjectId = refund.StripeRefundId,
            Actor = actor,
            OccurredAt = now,
        });
}
