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
    /// Grows after every swap, once the new snapshot is visible: two equal readings mean no product, category or flash
    /// sale changed in between. Stock flips have their own version and log (<see cref="StockLevels.FlippedSince"/>).
    /// </summary>
    public long Swaps => Interlocked.Read(ref _swaps);

    public void Swap(SearchSnapshot snapshot)
    {
        _current = snapshot;
        Interlocked.Increment(ref _swaps);
    }

    /// <param name="reads">Collects which products' stock the answer read (the answer cache's <see cref="StockReads"/>).</param>
    public SearchResult Search(SearchQuery query, StockReads? reads = null) => _current.Search(query, time.GetUtcNow(), stock, reads);
}
