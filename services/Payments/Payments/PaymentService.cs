using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Payments.Data;
using SpaceOfSport.Payments.Stripe;
using Stripe;

namespace SpaceOfSport.Payments.Payments;

public enum CreateOutcome
{
    Created,
    Existing,

    /// <summary>The order already has a payment for another amount or currency.</summary>
    Conflict,
}

public enum CancelOutcome
{
    Canceled,
    NotFound,

    /// <summary>It succeeded: a paid order is refunded, never canceled.</summary>
    AlreadySucceeded,
}

/// <summary>One PaymentIntent per order: created once (whoever asks, however often), read, canceled.</summary>
public sealed class PaymentService(PaymentsDbContext db, StripeAccount stripe, OrderLocks locks, PaymentSync sync, TimeProvider clock)
{
    /// <summary>The idempotency key of an operation on an order: a retry, here or after a crash, is the same request to Stripe.</summary>
    public static string IdempotencyKey(Guid orderId, string operation) => $"order-{orderId}-{operation}";

    public async Task<(CreateOutcome Outcome, Payment Payment)> CreateAsync(CreatePaymentRequest request, CancellationToken cancellationToken)
    {
        var currency = request.Currency!.ToLowerInvariant();
        using (await locks.AcquireAsync(request.OrderId, cancellationToken))
        {
            if (await FindAsync(request.OrderId, cancellationToken) is { } existing) return Existing(existing, request.Amount, currency);

            var client = await stripe.ClientAsync(cancellationToken);
            var intent = await client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = request.Amount,
                Currency = currency,
                AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
                Metadata = new Dictionary<string, string> { ["order_id"] = request.OrderId.ToString() },
            }, new RequestOptions { IdempotencyKey = IdempotencyKey(request.OrderId, "create") }, cancellationToken);

            var now = clock.GetUtcNow();
            var payment = new Payment
            {
                OrderId = request.OrderId,
                PaymentIntentId = intent.Id,
                ClientSecret = intent.ClientSecret,
                Amount = intent.Amount,
                Currency = intent.Currency,
                Status = intent.Status,
                CreatedAt = now,
                SyncedAt = now,
            };
            db.Payments.Add(payment);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (CreateOutcome.Created, payment);
            }
            catch (DbUpdateException)
            {
                // Another replica created it first, with the same idempotency key: the same PaymentIntent.
                var winner = await FindAfterRaceAsync(request.OrderId, cancellationToken);
                if (winner is null) throw;
                return Existing(winner, request.Amount, currency);
            }
        }
    }

    public Task<Payment?> FindAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.Payments.SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);

    public async Task<(CancelOutcome Outcome, Payment? Payment)> CancelAsync(Guid orderId, CancellationToken cancellationToken)
    {
        using (await locks.AcquireAsync(orderId, cancellationToken))
        {
            if (await FindAsync(orderId, cancellationToken) is not { } payment) return (CancelOutcome.NotFound, null);
            if (payment.Status == PaymentStatuses.Canceled) return (CancelOutcome.Canceled, payment);
            if (payment.Status == PaymentStatuses.Succeeded) return (CancelOutcome.AlreadySucceeded, payment);

            var client = await stripe.ClientAsync(cancellationToken);
            PaymentIntent intent;
            try
            {
                intent = await client.V1.PaymentIntents.CancelAsync(payment.PaymentIntentId, new PaymentIntentCancelOptions { CancellationReason = "abandoned" },
                    new RequestOptions { IdempotencyKey = IdempotencyKey(orderId, "cancel") }, cancellationToken);
            }
            catch (StripeException exception) when (exception.StripeError?.Code == "payment_intent_unexpected_state")
            {
                // It succeeded (or was canceled) before the webhook told us: take Stripe's word for it.
                intent = await client.V1.PaymentIntents.GetAsync(payment.PaymentIntentId, cancellationToken: cancellationToken);
            }
            sync.ApplyPaymentIntent(db, payment, intent);
            payment.Version++;
            await db.SaveChangesAsync(cancellationToken);
            return (payment.Status == PaymentStatuses.Succeeded ? CancelOutcome.AlreadySucceeded : CancelOutcome.Canceled, payment);
        }
    }

    private static (CreateOutcome, Payment) Existing(Payment payment, long amount, string currency) =>
        (payment.Amount == amount && payment.Currency == currency ? CreateOutcome.Existing : CreateOutcome.Conflict, payment);

    private async Task<Payment?> FindAfterRaceAsync(Guid orderId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await FindAsync(orderId, cancellationToken);
    }
}
