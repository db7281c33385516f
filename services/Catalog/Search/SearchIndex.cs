using SpaceOfSport.Catalog.Stock;

namespace SpaceOfSport.Catalog.Search;

/// <summary>The current <see cref="SearchSnapshot"/> (swapped atomically by <see cref="SearchIndexUpdater"/>).</summary>
public sealed class SearchIndex(StockLevels stock, TimeProvider time)
{
    private volatile SearchSnapshot _current = SearchSnapshot.Empty;

    public SearchSnapshot Current => _current;

    public StockLevels Stock => stock;

    public DateTimeOffset Now => time.GetUtcNow();

    public void Swap(SearchSnapshot snapshot) => _current = snapshot;

    public SearchResult Search(SearchQuery query) => _current.Search(query, time.GetUtcNow(), stock);
}
