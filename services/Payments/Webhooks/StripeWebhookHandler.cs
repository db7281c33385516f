using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpaceOfSport.Payments.Data;
using SpaceOfSport.Payments.Payments;
using SpaceOfSport.Payments.Refunds;
using SpaceOfSport.Payments.Stripe;
using Stripe;
using StripeRefund = Stripe.Refund;

namespace SpaceOfSport.Payments.Webhooks;

public enum WebhookOutcome
{
    Processed,

    /// <summary>Seen before (a retry, a duplicate, the other route): nothing changed.</summary>
    Duplicate,

    /// <summary>Not signed with the endpoint secret, or signed too long ago: nothing changed.</summary>
    Rejected,
}

/// <summary>
/// The one handler of Stripe events, whichever way they arrive (the webhook route or the <c>stripe-events</c> input
/// binding). The signature is checked with Stripe.net (<see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>,
/// <see cref="StripeSettings.WebhookTolerance"/>), the event id is stored with the changes it causes (a second delivery
/// finds it), and the object is re-read from Stripe, so events that arrive late or out of order apply today's state.
/// </summary>
public sealed partial class StripeWebhookHandler(
    PaymentsDbContext db,
    StripeAccount stripe,
    OrderLocks locks,
    PaymentSync sync,
    TimeProvider clock,
    IOptions<StripeSettings> settings,
    ILogger<StripeWebhookHandler> logger)
{
    public const string ViaHttp = "http";
    public const string ViaBinding = "binding";

    public async Task<(WebhookOutcome Outcome, string? Problem)> HandleAsync(string payload, string? signature, string via, CancellationToken cancellationToken)
    {
        Event stripeEvent;
        try
        {
            // The API version is not enforced: only the event's type and object id are read; the object itself is re-read.
            stripeEvent = EventUtility.ConstructEvent(payload, signature ?? "", await stripe.WebhookSecretAsync(cancellationToken),
                (long)settings.Value.WebhookTolerance.TotalSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException exception)
        {
            LogRejected(via, exception.Message);
            return (WebhookOutcome.Rejected, exception.Message);
        }

        if (await db.ProcessedEvents.AnyAsync(e => e.EventId == stripeEvent.Id, cancellationToken)) return (WebhookOutcome.Duplicate, null);

        try
        {
            var outcome = await ApplyAsync(stripeEvent, via, cancellationToken);
            return (outcome ?? await RecordOnlyAsync(stripeEvent, via, cancellationToken), null);
        }
        catch (DbUpdateException)
        {
            // The same event through the other route, handled by another replica a moment earlier.
            if (!await RecordedByAnotherAsync(stripeEvent.Id, cancellationToken)) throw;
            return (WebhookOutcome.Duplicate, null);
        }
    }

    /// <summary>Applies a PaymentIntent or refund event under the order's lock; null when the event concerns no payment of ours.</summary>
    private async Task<WebhookOutcome?> ApplyAsync(Event stripeEvent, string via, CancellationToken cancellationToken)
    {
        var client = await stripe.ClientAsync(cancellationToken);
        switch (stripeEvent.Data.Object)
        {
            case PaymentIntent reported:
                {
                    var orderId = await db.Payments.Where(p => p.PaymentIntentId == reported.Id).Select(p => (Guid?)p.OrderId).SingleOrDefaultAsync(cancellationToken);
                    if (orderId is null) return null;
                    using (await locks.AcquireAsync(orderId.Value, cancellationToken))
                    {
                        if (await AlreadyProcessedAsync(stripeEvent.Id, cancellationToken)) return WebhookOutcome.Duplicate;
                        var payment = await db.Payments.SingleAsync(p => p.OrderId == orderId, cancellationToken);
                        var current = await client.V1.PaymentIntents.GetAsync(reported.Id, cancellationToken: cancellationToken);
                        sync.ApplyPaymentIntent(db, payment, current);
                        payment.Version++;
                        await SaveWithEventAsync(stripeEvent, via, cancellationToken);
                    }
                    return WebhookOutcome.Processed;
                }
            case StripeRefund reported:
                {
                    var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.PaymentIntentId == reported.PaymentIntentId, cancellationToken);
                    if (payment is null) return null;
                    using (await locks.AcquireAsync(payment.OrderId, cancellationToken))
                    {
                        if (await AlreadyProcessedAsync(stripeEvent.Id, cancellationToken)) return WebhookOutcome.Duplicate;
                        var tracked = await db.Payments.SingleAsync(p => p.Id == payment.Id, cancellationToken);
                        var current = await client.V1.Refunds.GetAsync(reported.Id, cancellationToken: cancellationToken);
                        var refund = await db.Refunds.SingleOrDefaultAsync(r => r.StripeRefundId == current.Id, cancellationToken);
                        var isNew = refund is null;
                        if (refund is null)
                        {
                            // Made outside payments' API (the dashboard) or not yet saved by it: recorded from Stripe's report.
                            var now = clock.GetUtcNow();
                            refund = new Refunds.Refund
                            {
                                PaymentId = tracked.Id,
                                OrderId = tracked.OrderId,
                                RequestKey = current.Metadata.GetValueOrDefault("request_key") ?? current.Id,
                                StripeRefundId = current.Id,
                                Amount = current.Amount,
                                Currency = current.Currency,
                                Reason = current.Reason,
                                Status = RefundStatuses.Pending,
                                CreatedAt = now,
                                UpdatedAt = now,
                            };
                            db.Refunds.Add(refund);
                        }
                        sync.ApplyRefund(db, tracked, refund, current, isNew, PaymentSync.StripeActor);
                        tracked.Version++;
                        await SaveWithEventAsync(stripeEvent, via, cancellationToken);
                    }
                    return WebhookOutcome.Processed;
                }
            default:
                return null;
        }
    }

    private async Task<bool> RecordedByAnotherAsync(string eventId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await AlreadyProcessedAsync(eventId, cancellationToken);
    }

    private Task<bool> AlreadyProcessedAsync(string eventId, CancellationToken cancellationToken) =>
        db.ProcessedEvents.AnyAsync(e => e.EventId == eventId, cancellationToken);

    private async Task SaveWithEventAsync(Event stripeEvent, string via, CancellationToken cancellationToken)
    {
        db.ProcessedEvents.Add(new ProcessedStripeEvent { EventId = stripeEvent.Id, Type = stripeEvent.Type, ReceivedVia = via, ProcessedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>An event about nothing of ours is still remembered, so its retries cost no Stripe call.</summary>
    private async Task<WebhookOutcome> RecordOnlyAsync(Event stripeEvent, string via, CancellationToken cancellationToken)
    {
        try
        {
            await SaveWithEventAsync(stripeEvent, via, cancellationToken);
            return WebhookOutcome.Processed;
        }
        catch (DbUpdateException)
        {
            return WebhookOutcome.Duplicate;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Rejected a Stripe event from {Via}: {Reason}")]
    private partial void LogRejected(string via, string reason);
}
