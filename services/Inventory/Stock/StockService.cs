using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Inventory.Data;

namespace SpaceOfSport.Inventory.Stock;

/// <summary>Availability reads and staff adjustments (receiving and write-offs).</summary>
public sealed class StockService(InventoryDbContext db, TimeProvider clock)
{
    public const int MaxSkusPerRequest = 500;

    /// <summary>The stock rows of each SKU, by SKU in the order asked. NotFound names every unknown SKU.</summary>
    public async Task<IReadOnlyList<(string Sku, IReadOnlyList<StockItem> Locations)>> GetAvailabilityAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        if (skus.Count == 0) throw InventoryErrors.InvalidArgument("skus", "at least one SKU is required");
        if (skus.Count > MaxSkusPerRequest) throw InventoryErrors.InvalidArgument("skus", $"at most {MaxSkusPerRequest} SKUs per request");
        for (var i = 0; i < skus.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(skus[i])) throw InventoryErrors.InvalidArgument($"skus[{i}]", "is required");
        }
        var distinct = skus.Distinct(StringComparer.Ordinal).ToList();
        var items = await db.Stock.AsNoTracking().Where(i => distinct.Contains(i.Sku)).ToListAsync(cancellationToken);
        var bySku = items.ToLookup(i => i.Sku, StringComparer.Ordinal);
        var unknown = distinct.Where(s => !bySku.Contains(s)).ToList();
        if (unknown.Count > 0) throw InventoryErrors.UnknownSkus(unknown);
        return distinct.Select(s => (s, (IReadOnlyList<StockItem>)bySku[s].OrderBy(i => i.Location, StringComparer.Ordinal).ToList())).ToList();
    }

    /// <summary>
    /// Adds <paramref name="delta"/> units on hand (negative: a write-off). A SKU/location is created by its first
    /// positive adjustment. FailedPrecondition when on hand would fall below what is reserved (or below zero).
    /// </summary>
    public async Task<StockItem> AdjustAsync(string sku, string location, int delta, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sku)) throw InventoryErrors.InvalidArgument("sku", "is required");
        if (sku.Length > StockItem.MaxKeyLength) throw InventoryErrors.InvalidArgument("sku", $"must be at most {StockItem.MaxKeyLength} characters");
        if (string.IsNullOrWhiteSpace(location)) throw InventoryErrors.InvalidArgument("location", "is required");
        if (location.Length > StockItem.MaxKeyLength) throw InventoryErrors.InvalidArgument("location", $"must be at most {StockItem.MaxKeyLength} characters");
        if (delta == 0) throw InventoryErrors.InvalidArgument("delta", "must not be 0");
        if (string.IsNullOrWhiteSpace(reason)) throw InventoryErrors.InvalidArgument("reason", "is required");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Holding the SKU's lock, no one else can create this row meanwhile: the insert below cannot collide.
        await db.LockSkusAsync([sku], cancellationToken);
        var changed = await db.Stock
            .Where(i => i.Sku == sku && i.Location == location && i.OnHand + delta >= i.Reserved)
            .ExecuteUpdateAsync(set => set
                .SetProperty(i => i.OnHand, i => i.OnHand + delta)
                .SetProperty(i => i.Version, i => i.Version + 1), cancellationToken);
        if (changed == 0)
        {
            var exists = await db.Stock.AnyAsync(i => i.Sku == sku && i.Location == location, cancellationToken);
            if (exists) throw InventoryErrors.FailedPrecondition($"{sku} at {location}: on hand cannot fall below what is reserved");
            if (delta < 0)
            {
                if (await db.Stock.AnyAsync(i => i.Sku == sku, cancellationToken)) throw InventoryErrors.FailedPrecondition($"{sku} has no stock at {location}");
                throw InventoryErrors.UnknownSkus([sku]);
            }
            db.Stock.Add(new StockItem { Sku = sku, Location = location, OnHand = delta });
            await db.SaveChangesAsync(cancellationToken);
        }
        await StockEvents.RecordAsync(db, clock, sku, location, delta, "adjusted", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await db.Stock.AsNoTracking().SingleAsync(i => i.Sku == sku && i.Location == location, cancellationToken);
    }
}
