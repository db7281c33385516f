using Dapr;
using Dapr.Client;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts.Events.Cart;

namespace SpaceOfSport.Cart.Carts;

/// <summary>
/// Run by the <c>cart-abandonment-schedule</c> cron binding: every indexed cart whose lines were untouched for
/// <see cref="CartOptions.AbandonedAfter"/> gets one <c>cart-abandoned</c> event. The abandonment (with the event's
/// id) is saved before publishing and marked published after, so a crash in between republishes the same event on the
/// next run (consumers deduplicate by id), and a published abandonment is never published again. Touching the lines
/// clears it: the next abandonment is a new one.
/// </summary>
public sealed partial class AbandonmentSweep(CartStore store, DaprClient dapr, IOptions<CartOptions> options, ILogger<AbandonmentSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var key in await store.IndexedCartsAsync(cancellationToken))
        {
            if (await SweepAsync(key, cancellationToken)) published++;
        }
        return published;
    }

    private async Task<bool> SweepAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(key, cancellationToken);
        if (stored.Document is not { LinesTouchedAt: { } touched } cart || cart.Lines.Count == 0) return false;
        if (cart.Abandonment is not { } abandonment || abandonment.LinesTouchedAt != touched)
        {
            if (store.Clock.GetUtcNow() - touched < options.Value.AbandonedAfter) return false;
            abandonment = new CartAbandonment(Guid.CreateVersion7(store.Clock.GetUtcNow()), touched, Published: false);
            cart.Abandonment = abandonment;
            // Not a change the shopper made: the version stays, so their next edit is not stale.
            if (!await store.TrySaveAsync([new CartWrite(stored, cart, BumpVersion: false)], cancellationToken)) return false;
        }
        else if (abandonment.Published)
        {
            return false;
        }

        try
        {
            await dapr.PublishIntegrationEventAsync(new CartAbandoned
            {
                Id = abandonment.EventId,
                OccurredAt = store.Clock.GetUtcNow(),
                CartId = cart.Id.ToString(),
                UserId = cart.UserId,
                Version = cart.Version,
                Lines = [.. cart.Lines.Select(l => new AbandonedLine(l.Sku, l.Quantity))],
                LinesTouchedAt = touched,
            }, cancellationToken);
        }
        catch (DaprException exception)
        {
            LogPublishFailed(logger, exception, cart.Id);
            return false;
        }

        // Marked published (and out of the index) unless the shopper touched the lines meanwhile.
        for (var attempt = 0; attempt < options.Value.SaveAttempts; attempt++)
        {
            var current = await store.LoadAsync(key, cancellationToken);
            if (current.Document?.Abandonment is not { } pending || pending.EventId != abandonment.EventId) break;
            current.Document.Abandonment = pending with { Published = true };
            if (await store.TrySaveAsync([new CartWrite(current, current.Document, BumpVersion: false)], cancellationToken)) break;
        }
        return true;
    }

    [LoggerMessage(LogLevel.Warning, "Publishing cart-abandoned for cart {CartId} failed; the next sweep repeats it")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid cartId);
}
