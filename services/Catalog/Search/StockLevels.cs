using System.Collections.Concurrent;

namespace SpaceOfSport.Catalog.Search;

/// <summary>
/// Units available per SKU over all locations, as inventory's stock-changed events report them (an older event never
/// overwrites a newer one: delivery may reorder). A SKU inventory has not reported yet counts as in stock (the seed
/// stocks every SKU), so the catalog hides no product before the first event.
/// </summary>
public sealed class StockLevels
{
    private readonly ConcurrentDictionary<string, (long Available, DateTimeOffset At)> _available = new(StringComparer.Ordinal);

    public void Set(string sku, long totalAvailable, DateTimeOffset occurredAt) =>
        _available.AddOrUpdate(sku, (totalAvailable, occurredAt), (_, current) => occurredAt >= current.At ? (totalAvailable, occurredAt) : current);

    public bool IsInStock(string sku) => !_available.TryGetValue(sku, out var level) || level.Available > 0;
}
