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

    /// <summary>
    /// Puts <paramref name="lines"/> back on hand at <paramref name="location"/> ("main" when empty), once per
    /// <paramref name="restockId"/>: true when that id had restocked already (nothing changes). AlreadyExists when the id
    /// comes with another location or other lines; NotFound for a SKU inventory never held.
    /// </summary>
    public async Task<bool> RestockAsync(string restockId, string location, IReadOnlyList<(string Sku, int Quantity)> lines, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(restockId)) throw InventoryErrors.InvalidArgument("restock_id", "is required");
        if (restockId.Length > Restock.MaxIdLength) throw InventoryErrors.InvalidArgument("restock_id", $"must be at most {Restock.MaxIdLength} characters");
        location = string.IsNullOrWhiteSpace(location) ? DefaultLocation : location;
        if (location.Length > StockItem.MaxKeyLength) throw InventoryErrors.InvalidArgument("location", $"must be at most {StockItem.MaxKeyLength} characters");
        if (lines.Count == 0) throw InventoryErrors.InvalidArgument("lines", "at least one line is required");
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i].Sku)) throw InventoryErrors.InvalidArgument($"lines[{i}].sku", "is required");
            if (lines[i].Quantity <= 0) throw InventoryErrors.InvalidArgument($"lines[{i}].quantity", "must be greater than 0");
        }
        if (string.IsNullOrWhiteSpace(reason)) throw InventoryErrors.InvalidArgument("reason", "is required");
        if (reason.Length > Restock.MaxReasonLength) throw InventoryErrors.InvalidArgument("reason", $"must be at most {Restock.MaxReasonLength} characters");
        var merged = lines.GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => (Sku: g.Key, Quantity: g.Sum(l => l.Quantity)))
            .OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
        var fingerprint = string.Join(',', merged.Select(l => $"{l.Sku}:{l.Quantity}"));
        var skus = merged.Select(l => l.Sku).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Holding the SKUs' locks, the same restock asked concurrently waits here and then finds this one recorded.
        await db.LockSkusAsync(skus, cancellationToken);
        if (await db.Restocks.AsNoTracking().SingleOrDefaultAsync(r => r.Id == restockId, cancellationToken) is { } done)
        {
            if (done.Location != location || done.Lines != fingerprint) throw InventoryErrors.AlreadyExists($"restock {restockId} was made with other lines or another location");
            return true;
        }
        var known = await db.Stock.Where(i => skus.Contains(i.Sku)).Select(i => i.Sku).Distinct().ToListAsync(cancellationToken);
        var unknown = skus.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw InventoryErrors.UnknownSkus(unknown);

        foreach (var (sku, quantity) in merged)
        {
            var changed = await db.Stock.Where(i => i.Sku == sku && i.Location == location)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(i => i.OnHand, i => i.OnHand + quantity)
                    .SetProperty(i => i.Version, i => i.Version + 1), cancellationToken);
            if (changed == 0)
            {
                db.Stock.Add(new StockItem { Sku = sku, Location = location, OnHand = quantity });
                await db.SaveChangesAsync(cancellationToken);
            }
            await StockEvents.RecordAsync(db, clock, sku, location, quantity, "restocked", cancellationToken);
        }
        db.Restocks.Add(new Restock { Id = restockId, Location = location, Lines = fingerprint, Reason = reason, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return false;
    }

    private const string DefaultLocation = "main";
}
