using System.Collections.Concurrent;

namespace SpaceOfSport.Catalog.Search;

/// <summary>
/// Units available per SKU over all locations, as inventory's stock-changed events report them (an older event never
/// overwrites a newer one: delivery may reorder). A SKU inventory has not reported yet counts as in stock (the seed
/// stocks every SKU), so the catalog hides no product before the first event. Searches ask about every variant, so
/// the common case (nothing sold out) answers without a lookup.
/// </summary>
public sealed class StockLevels
{
    private readonly Dictionary<string, (long Available, DateTimeOffset At)> _levels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _soldOut = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();
    private volatile int _soldOutCount;

    public bool NothingSoldOut => _soldOutCount == 0;

    public void Set(string sku, long totalAvailable, DateTimeOffset occurredAt)
    {
        lock (_writes)
        {
            if (_levels.TryGetValue(sku, out var current) && current.At > occurredAt) return;
            _levels[sku] = (totalAvailable, occurredAt);
            if (totalAvailable <= 0) _soldOut[sku] = true;
            else _soldOut.TryRemove(sku, out _);
            _soldOutCount = _soldOut.Count;
        }
    }

    public bool IsInStock(string sku) => _soldOutCount == 0 || !_soldOut.ContainsKey(sku);
}
