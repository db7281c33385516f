namespace SpaceOfSport.Analytics.Stock;

/// <summary>The latest stock report of a SKU over every location (inventory's stock-changed), to see it sell out and come back.</summary>
public sealed class SkuStock
{
    public required string Sku { get; init; }

    public long TotalAvailable { get; set; }

    /// <summary>When the report held was true: an older report arriving late changes nothing.</summary>
    public DateTimeOffset AsOf { get; set; }
}

/// <summary>A period a SKU was sold out everywhere: from the report that took it to zero to the one that brought it back (open while still out).</summary>
public sealed class StockOut
{
    public Guid Id { get; init; }

    public required string Sku { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>A SKU's last known price (catalog's price-changed, and what paid orders charged): the estimate of an abandoned cart's value.</summary>
public sealed class SkuPrice
{
    public required string Sku { get; init; }

    public long PriceMinor { get; set; }

    public required string Currency { get; set; }

    public DateTimeOffset AsOf { get; set; }
}
