namespace SpaceOfSport.Catalog.Stock;

/// <summary>
/// What inventory last reported for one SKU: units available over every location. Kept so a restarted catalog knows
/// what is sold out before the next stock event.
/// </summary>
public sealed class StockLevel
{
    public const int MaxSkuLength = 64;

    public required string Sku { get; set; }

    public long Available { get; set; }

    /// <summary>When inventory made the change (UTC ticks): a late, older event never overwrites a newer one.</summary>
    public long ReportedAtTicks { get; set; }
}
