using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Inventory.Stock;

namespace SpaceOfSport.Inventory.Data;

/// <summary>PostgreSQL (local and AWS profiles; migrations in Data/Migrations/Postgres).</summary>
public sealed class PostgresInventoryDbContext(DbContextOptions<PostgresInventoryDbContext> options) : InventoryDbContext(options)
{
    /// <summary>
    /// One transaction-scoped advisory lock per SKU (released at commit or rollback), taken in ascending key order: one
    /// global order, so two transactions never wait on each other in a cycle. Unlike <c>SELECT ... FOR UPDATE</c> on the
    /// SKU's rows it also covers rows that do not exist yet (a first receipt at a new location, a SKU being registered),
    /// which READ COMMITTED would not show to a concurrent transaction. The database is inventory's own, so the
    /// advisory key space is too.
    /// </summary>
    public override async Task LockSkusAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        foreach (var key in skus.Select(sku => unchecked((long)SkuHash.Of(sku))).Distinct().Order())
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
    }
}
