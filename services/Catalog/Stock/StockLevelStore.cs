using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Catalog.Data;

namespace SpaceOfSport.Catalog.Stock;

/// <summary>Stores inventory's stock reports in the catalog database and mirrors them into <see cref="StockLevels"/>.</summary>
public sealed class StockLevelStore(CatalogDbContext db, StockLevels levels)
{
    /// <summary>
    /// Keeps the newest report per SKU in one statement, so concurrent and redelivered events need no locks: an older
    /// report (delivery may reorder) changes nothing. The upsert syntax is the same on SQLite and PostgreSQL.
    /// </summary>
    public async Task RecordAsync(string sku, long available, DateTimeOffset reportedAt, CancellationToken cancellationToken)
    {
        var ticks = reportedAt.UtcTicks;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "StockLevels" ("Sku", "Available", "ReportedAtTicks") VALUES ({sku}, {available}, {ticks})
            ON CONFLICT ("Sku") DO UPDATE SET "Available" = excluded."Available", "ReportedAtTicks" = excluded."ReportedAtTicks"
            WHERE "StockLevels"."ReportedAtTicks" <= excluded."ReportedAtTicks"
            """, cancellationToken);
        levels.Set(sku, available, ticks);
    }

    /// <summary>Loads every stored report (at start, before the search index is built).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await foreach (var level in db.StockLevels.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
            levels.Set(level.Sku, level.Available, level.ReportedAtTicks);
    }
}
