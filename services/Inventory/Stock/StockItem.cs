namespace SpaceOfSport.Inventory.Stock;

/// <summary>Stock of one SKU at one location. Invariant (also a CHECK constraint): 0 ≤ Reserved ≤ OnHand.</summary>
public sealed class StockItem
{
    public const int DefaultLowStockThreshold = 5;

    /// <summary>The longest SKU (and location) the table holds.</summary>
    public const int MaxKeyLength = 64;

    public required string Sku { get; set; }

    public required string Location { get; set; }

    public long OnHand { get; set; }

    public long Reserved { get; set; }

    public long Available => OnHand - Reserved;

    /// <summary>A low-stock event is published when available falls to or below this.</summary>
    public int LowStockThreshold { get; set; } = DefaultLowStockThreshold;

    /// <summary>Concurrency token: every update (tracked or ExecuteUpdate) bumps it.</summary>
    public long Version { get; set; }
}
