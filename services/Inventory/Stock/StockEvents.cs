using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Inventory.Data;

namespace SpaceOfSport.Inventory.Stock;

/// <summary>
/// Adds the events of one stock change to the outbox, inside the caller's transaction, after the row was updated. The
/// caller holds the SKU's lock (<see cref="InventoryDbContext.LockSkusAsync"/>), so no other transaction changes any
/// location of the SKU until this one ends: the row, the SKU's total and the values before the change are exact.
/// </summary>
public static class StockEvents
{
    /// <param name="availableDelta">How the item's available changed (+ when units came back).</param>
    public static async Task RecordAsync(InventoryDbContext db, TimeProvider clock, string sku, string location, long availableDelta, string reason, CancellationToken cancellationToken)
    {
        var item = await db.Stock.AsNoTracking().SingleAsync(i => i.Sku == sku && i.Location == location, cancellationToken);
        var totalAvailable = await db.Stock.Where(i => i.Sku == sku).SumAsync(i => i.OnHand - i.Reserved, cancellationToken);
        var now = clock.GetUtcNow();
        db.AddIntegrationEvent(new StockChanged
        {
            Sku = sku,
            Location = location,
            OnHand = item.OnHand,
            Reserved = item.Reserved,
            Available = item.Available,
            TotalAvailable = totalAvailable,
            Reason = reason,
            OccurredAt = now,
        });

        var availableBefore = item.Available - availableDelta;
        if (availableBefore > item.LowStockThreshold && item.Available <= item.LowStockThreshold)
        {
            db.AddIntegrationEvent(new LowStock { Sku = sku, Location = location, Available = item.Available, Threshold = item.LowStockThreshold, OccurredAt = now });
        }
        if (totalAvailable > 0 && totalAvailable - availableDelta <= 0)
        {
            db.AddIntegrationEvent(new BackInStock { Sku = sku, TotalAvailable = totalAvailable, OccurredAt = now });
        }
    }

    /// <summary>
    /// The event of a SKU's first row, just added (a registration). It is the SKU's only row, so its available is the
    /// SKU's total. Neither back-in-stock nor low-stock: the SKU is new, so nothing came back and nothing fell.
    /// </summary>
    public static void RecordRegistered(InventoryDbContext db, TimeProvider clock, StockItem item, string reason) =>
        db.AddIntegrationEvent(new StockChanged
        {
            Sku = item.Sku,
            Location = item.Location,
            OnHand = item.OnHand,
            Reserved = item.Reserved,
            Available = item.Available,
            TotalAvailable = item.Available,
            Reason = reason,
            OccurredAt = clock.GetUtcNow(),
        });
}
