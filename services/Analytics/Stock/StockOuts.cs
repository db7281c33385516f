using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Events;

namespace SpaceOfSport.Analytics.Stock;

/// <summary>
/// Follows each SKU's total availability through inventory's reports: a report of zero after stock opens a stock-out,
/// the next report above zero closes it. A report older than the one held (late delivery) changes nothing.
/// </summary>
public static class StockOuts
{
    public static async Task ApplyAsync(AnalyticsDbContext db, IReadOnlyList<RecordedEvent> reports, CancellationToken cancellationToken)
    {
        foreach (var report in reports.Where(r => r.Sku is not null).OrderBy(r => r.OccurredAt))
        {
            var available = report.Quantity ?? 0;
            var stock = await db.SkuStocks.FindAsync([report.Sku!], cancellationToken);
            if (stock is not null && report.OccurredAt <= stock.AsOf) continue;
            var wasOut = stock?.TotalAvailable == 0;
            if (available == 0 && !wasOut)
            {
                db.StockOuts.Add(new StockOut { Id = Guid.CreateVersion7(), Sku = report.Sku!, StartedAt = report.OccurredAt });
            }
            else if (available > 0 && wasOut)
            {
                var open = await db.StockOuts.Where(s => s.Sku == report.Sku && s.EndedAt == null).ToListAsync(cancellationToken);
                foreach (var period in open) period.EndedAt = report.OccurredAt;
            }

            if (stock is null) db.SkuStocks.Add(new SkuStock { Sku = report.Sku!, TotalAvailable = available, AsOf = report.OccurredAt });
            else
            {
                stock.TotalAvailable = available;
                stock.AsOf = report.OccurredAt;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
