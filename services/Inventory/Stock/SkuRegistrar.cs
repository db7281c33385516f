using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpaceOfSport.Inventory.Data;

namespace SpaceOfSport.Inventory.Stock;

/// <summary>
/// Makes the catalog's SKUs known to inventory: a SKU without a stock row at any location gets one at
/// <see cref="Location"/>, with its opening stock (<see cref="OpeningStockOptions"/>) or nothing on hand, and a
/// stock-changed event (reason <see cref="Reason"/>). A SKU that has rows is left as it is.
/// </summary>
public sealed class SkuRegistrar(InventoryDbContext db, IOptions<OpeningStockOptions> openingStock, TimeProvider clock)
{
    public const string Location = "main";

    public const string Reason = "registered";

    /// <summary>
    /// Registers the unknown SKUs among <paramref name="skus"/>, all in one transaction, and returns them. Idempotent:
    /// a redelivery, or a concurrent delivery of the same SKUs, finds the rows and creates nothing.
    /// </summary>
    public async Task<IReadOnlyList<string>> RegisterAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var distinct = skus.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A concurrent registration (or first receipt) of the same SKUs waits here and then sees the rows made meanwhile.
        await db.LockSkusAsync(distinct, cancellationToken);
        var known = await db.Stock.Where(i => distinct.Contains(i.Sku)).Select(i => i.Sku).Distinct().ToListAsync(cancellationToken);
        var created = distinct.Except(known, StringComparer.Ordinal)
            .Select(sku => new StockItem { Sku = sku, Location = Location, OnHand = openingStock.Value.Enabled ? OpeningStock.UnitsFor(sku) : 0 })
            .ToList();
        if (created.Count == 0) return [];

        db.Stock.AddRange(created);
        foreach (var item in created) StockEvents.RecordRegistered(db, clock, item, Reason);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return created.ConvertAll(i => i.Sku);
    }
}
