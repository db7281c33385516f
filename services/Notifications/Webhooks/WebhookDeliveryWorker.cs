using System.Net;
using Dapr.Client;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts.Events.Notifications;
using SpaceOfSport.Notifications.Email;
using SpaceOfSport.Notifications.Templates;

namespace SpaceOfSport.Notifications.Webhooks;

/// <summary>
/// Delivers what the endpoints' queues hold: each endpoint's oldest pending delivery first (in order), once it is due,
/// under a lease so one replica sends it; a failure schedules the next attempt (<see cref="RetrySchedule"/>), and a
/// delivery that failed for <see cref="WebhookSettings.RetryFor"/> fails for good and disables its endpoint, telling
/// staff. Everything it needs is in the state store, so a restarted replica carries on where it stopped. Times come
/// from <see cref="TimeProvider"/>, so tests move through three days of retries in moments.
/// </summary>
public sealed partial class WebhookDeliveryWorker(
    IServiceProvider services, WebhookStore store, IOptions<WebhookSettings> settings, TimeProvider clock, ILogger<WebhookDeliveryWorker> logger)
    : BackgroundService
{
    private const int SaveAttempts = 20;
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Asks the worker to look at the queues now (new work was queued or replayed here).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: the next round sees this work too.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var poll = clock.GetUtcNow() + settings.Value.PollInterval;
            var dueAt = poll;
            try
            {
                if (await DeliverDueAsync(stoppingToken) is { } next && next < dueAt) dueAt = next;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, exception);
            }
            try
            {
                await WaitAsync(dueAt, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sleeps until <paramref name="dueAt"/> on the clock or a wake-up. The clock is read again after the timer is made,
    /// so time moved on meanwhile (a test's fake clock) is never missed.
    /// </summary>
    private async Task WaitAsync(DateTimeOffset dueAt, CancellationToken stoppingToken)
    {
        var wait = dueAt - clock.GetUtcNow();
        if (wait <= TimeSpan.Zero) return;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timer = Task.Delay(wait, clock, stop.Token);
        if (clock.GetUtcNow() >= dueAt) return;
        try
        {
            await Task.WhenAny(timer, _wake.WaitAsync(stop.Token));
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>Delivers every due head, endpoints side by side; answers when the next one falls due (null: nothing waits).</summary>
    private async Task<DateTimeOffset?> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var ids = await store.EndpointIdsAsync(cancellationToken);
        DateTimeOffset? earliest = null;
        var gate = new Lock();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = settings.Value.ParallelEndpoints, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                if (await DrainAsync(id, token) is not { } next) return;
                lock (gate) earliest = earliest is { } soonest && soonest < next ? soonest : next;
            });
        return earliest;
    }

    /// <summary>Sends the endpoint's due deliveries one after the other; answers when its head falls due next.</summary>
    private async Task<DateTimeOffset?> DrainAsync(Guid endpointId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (endpoint, _) = await store.GetAsync<WebhookEndpoint>(WebhookStore.EndpointKey(endpointId), cancellationToken);
            if (endpoint is not { Enabled: true }) return null;
            var (queue, queueETag) = await store.GetAsync<WebhookQueue>(WebhookStore.QueueKey(endpointId), cancellationToken);
            if (queue is not { Pending.Count: > 0 }) return null;
            var now = clock.GetUtcNow();
            if (queue.LeasedUntil is { } leased && leased > now) return leased;

            var (delivery, _) = await store.GetAsync<WebhookDelivery>(WebhookStore.DeliveryKey(endpointId, queue.Pending[0]), cancellationToken);
            if (delivery is null)
            {
                // Nothing to send under that id (a queue written without its delivery cannot happen in one transaction; be safe).
                await store.TrySaveQueueAsync(endpointId, queue with { Pending = [.. queue.Pending.Skip(1)] }, queueETag, cancellationToken);
                continue;
            }
            if (delivery.NextAttemptAt > now) return delivery.NextAttemptAt;

            var holder = Guid.CreateVersion7();
            var lease = queue with { LeasedUntil = now + settings.Value.AttemptTimeout * 2, LeaseHolder = holder };
            if (!await store.TrySaveQueueAsync(endpointId, lease, queueETag, cancellationToken)) continue;

            var attempt = await services.GetRequiredService<WebhookSender>().SendAsync(endpoint, delivery, cancellationToken);
            await RecordAsync(endpointId, delivery, attempt, holder, cancellationToken);
        }
    }

    private async Task RecordAsync(Guid endpointId, WebhookDelivery delivery, WebhookAttempt attempt, Guid holder, CancellationToken cancellationToken)
    {
        List<WebhookAttempt> attempts = [.. delivery.Attempts, attempt];
        var failuresThisRound = attempts.Count(a => a.At >= delivery.RoundStartedAt && a.Error is not null);
        var next = attempt.Error is null ? null : RetrySchedule.Next(failuresThisRound, clock.GetUtcNow(), delivery.RoundStartedAt, settings.Value.RetryFor);
        var done = attempt.Error is null || next is null;
        var recorded = delivery with
        {
            Attempts = attempts,
            Status = attempt.Error is null ? WebhookDelivery.Succeeded : next is null ? WebhookDelivery.Failed : WebhookDelivery.Pending,
            NextAttemptAt = next ?? delivery.NextAttemptAt,
        };

        for (var round = 1; round <= SaveAttempts; round++)
        {
            var (queue, queueETag) = await store.GetAsync<WebhookQueue>(WebhookStore.QueueKey(endpointId), cancellationToken);
            // Deleted meanwhile, or the lease ran out and another replica took the head over: its record wins.
            if (queue is null || queueETag is null || queue.LeaseHolder != holder) return;
            var released = queue with
            {
                Pending = done ? [.. queue.Pending.Where(id => id != delivery.EventId)] : queue.Pending,
                LeasedUntil = null,
                LeaseHolder = null,
            };
            (WebhookEndpoint, string)? disabled = null;
            if (recorded.Status == WebhookDelivery.Failed)
            {
                var (endpoint, endpointETag) = await store.GetAsync<WebhookEndpoint>(WebhookStore.EndpointKey(endpointId), cancellationToken);
                if (endpoint is null || endpointETag is null) return;
                disabled = (endpoint with
                {
                    Enabled = false,
                    DisabledReason = $"delivery {delivery.EventId} failed for {settings.Value.RetryFor.TotalHours:0} hours (last: {attempt.Error})",
                    Version = endpoint.Version + 1,
                    UpdatedAt = clock.GetUtcNow(),
                }, endpointETag);
            }
            if (!await store.TryRecordAsync(recorded, released, queueETag, disabled, cancellationToken)) continue;
            if (disabled is { } off) await TellStaffAsync(off.Item1, cancellationToken);
            return;
        }
        throw new DependencyUnavailableException("state store", new InvalidOperationException($"the queue of {endpointId} stayed contended"));
    }

    /// <summary>Announces the disabling (audit records it) and emails staff when an address is set.</summary>
    private async Task TellStaffAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        LogDisabled(logger, endpoint.Id, endpoint.Url, endpoint.DisabledReason);
        await services.GetRequiredService<DaprClient>().PublishIntegrationEventAsync(WebhookEndpointChanges.Of(endpoint, WebhookEndpointChanged.Updated, changedBy: null, clock),
            cancellationToken);
        if (settings.Value.StaffEmail is not { Length: > 0 } staff) return;
        var url = WebUtility.HtmlEncode(endpoint.Url);
        var reason = WebUtility.HtmlEncode(endpoint.DisabledReason);
        var subject = "A partner webhook endpoint was disabled";
        var text = $"The webhook endpoint {endpoint.Url} ({endpoint.Id}) was disabled: {endpoint.DisabledReason}. "
            + "Its undelivered events wait in its queue; switch it on again (PUT /api/webhooks/endpoints/{id} with enabled: true) once the partner answers.";
        var html = $"<p>The webhook endpoint <strong>{url}</strong> ({endpoint.Id}) was disabled: {reason}.</p>"
            + "<p>Its undelivered events wait in its queue; switch it on again once the partner answers.</p>";
        await services.GetRequiredService<EmailSender>().SendAsync(new RenderedMessage("webhook-endpoint-disabled", "en", subject, html, text, text),
            staff, "Space of Sport staff", Guid.CreateVersion7(), unsubscribeUrl: null, cancellationToken);
    }

    // Any failure (the state store, the broker, the mail binding) must not stop deliveries for good: log, go on.
    [LoggerMessage(LogLevel.Warning, "A round of webhook deliveries failed; trying again at the next poll")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Webhook endpoint {EndpointId} ({Url}) disabled: {Reason}")]
    private static partial void LogDisabled(ILogger logger, Guid endpointId, string url, string? reason);
}
