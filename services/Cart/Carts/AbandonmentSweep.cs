using Microsoft.Extensions.Options;
using SpaceOfSport.Contracts.Events.Cart;

namespace SpaceOfSport.Cart.Carts;

/// <summary>
/// Run by the <c>cart-abandonment-schedule</c> cron binding: every indexed cart whose lines were untouched for
/// <see cref="CartOptions.AbandonedAfter"/> gets one <c>cart-abandoned</c> event. The abandonment is saved, marked
/// published, with its event as the outbox projection of the same transaction: Dapr publishes it at least once (with the
/// same id; consumers deduplicate by id) if and only if the save commits, and a published abandonment is never
/// published again. Touching the lines clears it: the next abandonment is a new one. Listed carts with nothing to
/// report (emptied, deleted, already reported) are taken off the index.
/// </summary>
public sealed class AbandonmentSweep(CartStore store, IOptions<CartOptions> options)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        var done = new List<string>();
        foreach (var key in await store.IndexedCartsAsync(cancellationToken))
        {
            switch (await SweepAsync(key, cancellationToken))
            {
                case Outcome.Published: published++; break;
                case Outcome.NothingToReport: done.Add(key); break;
            }
        }

        await store.PruneIndexAsync(done, cancellationToken);
        return published;
    }

    private enum Outcome { Published, NotYet, NothingToReport }

    private async Task<Outcome> SweepAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(key, cancellationToken);
        if (stored.Document is not { LinesTouchedAt: { } touched } cart || cart.Lines.Count == 0) return Outcome.NothingToReport;
        if (cart.Abandonment is { Published: true } reported && reported.LinesTouchedAt == touched) return Outcome.NothingToReport;
        var now = store.Clock.GetUtcNow();
        if (now - touched < options.Value.AbandonedAfter) return Outcome.NotYet;

        // An abandonment recorded but not published by an earlier version of this sweep keeps its event id.
        var eventId = cart.Abandonment is { Published: false } pending && pending.LinesTouchedAt == touched ? pending.EventId : Guid.CreateVersion7(now);
        cart.Abandonment = new CartAbandonment(eventId, touched, Published: true);
        var abandoned = new CartAbandoned
        {
            Id = eventId,
            OccurredAt = now,
            CartId = cart.Id.ToString(),
            UserId = cart.UserId,
            Version = cart.Version,
            Lines = [.. cart.Lines.Select(l => new AbandonedLine(l.Sku, l.Quantity))],
            LinesTouchedAt = touched,
        };
        // Not a change the shopper made: the version stays, so their next edit is not stale. A lost race (the shopper
        // edited meanwhile) is left to the next sweep.
        return await store.TrySaveAsync([new CartWrite(stored, cart, BumpVersion: false, Abandoned: abandoned)], cancellationToken)
            ? Outcome.Published
            : Outcome.NotYet;
    }
}
