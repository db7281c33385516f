using SpaceOfSport.Catalog.Stock;

namespace SpaceOfSport.Catalog.Search;

/// <summary>The current <see cref="SearchSnapshot"/> (swapped atomically by <see cref="SearchIndexUpdater"/>).</summary>
public sealed class SearchIndex(StockLevels stock, TimeProvider time)
{
    private volatile SearchSnapshot _current = SearchSnapshot.Empty;
    private long _swaps;

    public SearchSnapshot Current => _current;

    public StockLevels Stock => stock;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Grows after every swap and every stock change that flips a SKU in or out of stock, once the change is visible:
    /// two equal readings mean no answer could have changed in between, except by the clock (see
    /// <see cref="SearchSnapshot.NextPriceChangeAfter"/>).
    /// </summary>
    public long Version => Interlocked.Read(ref _swaps) + stock.Version;

    public void Swap(SearchSnapshot snapshot)
    {
        _current = snapshot;
        Interlocked.Increment(ref _swaps);
    }

    public SearchResult Search(SearchQuery query) => _current.Search(query, time.GetUtcNow(), stock);
}
