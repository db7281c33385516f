using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.Search;
using SpaceOfSport.Contracts.Events.Catalog;

namespace SpaceOfSport.Catalog.FlashSales;

/// <summary>
/// Moves flash sales through Scheduled → Started → Ended when their times come, writing the started/ended events to the
/// outbox in the same transaction. Idempotent: each transition happens once, guarded by the sale's version, so a
/// repeated or concurrent run (the cron binding fires again, two replicas) publishes nothing twice.
/// </summary>
public sealed class FlashSaleSchedule(CatalogDbContext db, TimeProvider time, SearchIndexUpdater index)
{
    /// <summary>Applies every due transition; returns how many sales changed state.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.FlashSales
            .Where(s => (s.State == FlashSaleState.Scheduled && s.StartsAt <= now) || (s.State == FlashSaleState.Started && s.EndsAt <= now))
            .ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var sale in due)
        {
            if (sale.State == FlashSaleState.Scheduled)
            {
                db.AddIntegrationEvent(new FlashSaleStarted
                {
                    FlashSaleId = sale.Id,
                    Name = sale.Name,
                    ProductIds = sale.ProductIds,
                    VariantIds = sale.VariantIds,
                    SalePriceMinor = sale.SalePriceMinor,
                    PercentOff = sale.PercentOff,
                    PerCustomerLimit = sale.PerCustomerLimit,
                    StartsAt = sale.StartsAt,
                    EndsAt = sale.EndsAt,
                    OccurredAt = sale.StartsAt,
                });
                sale.State = FlashSaleState.Started;
            }

            if (sale.State == FlashSaleState.Started && sale.EndsAt <= now)
            {
                db.AddIntegrationEvent(new FlashSaleEnded
                {
                    FlashSaleId = sale.Id,
                    ProductIds = sale.ProductIds,
                    VariantIds = sale.VariantIds,
                    EndedAt = sale.EndsAt,
                    OccurredAt = sale.EndsAt,
                });
                sale.State = FlashSaleState.Ended;
            }

            sale.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                changed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another run (or an edit) got there first: its transition stands, this one is dropped with its events.
                db.ChangeTracker.Clear();
            }
        }

        if (changed > 0) index.EverythingChanged();
        return changed;
    }
}
