using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.GraphQL;

/// <summary>
/// Every catalog answer is read from the search index, its stock levels and the clock (flash-sale prices): a cached
/// answer stays right while the index has not been swapped, no SKU of a product it read went in or out of stock, and
/// until the next flash sale starts or ends.
/// </summary>
public sealed class CatalogAnswerVersion(SearchIndex index, TimeProvider time) : IGraphQLAnswerVersion
{
    public GraphQLAnswerStamp Current
    {
        get
        {
            // Stock first: a flip between the two readings is then checked against what the answer read, never missed.
            var stock = index.Stock.Version;
            var swaps = index.Swaps;
            return new GraphQLAnswerStamp(swaps, index.Current.NextPriceChangeAfter(time.GetUtcNow()), stock);
        }
    }

    public object? ReadsOf(IServiceProvider requestServices) => requestServices.GetService<StockReads>();

    public GraphQLAnswerStamp? Revalidate(GraphQLAnswerStamp stamp, object? reads)
    {
        var current = index.Current;
        if (index.Swaps != stamp.Version) return null;
        if (index.Stock.Version == stamp.Detail) return stamp;
        // Without knowing what the answer read, any flip may have changed it.
        if (reads is not StockReads read || !read.CanTellApartIn(current)) return null;
        return index.Stock.FlippedSince(stamp.Detail, read.Read, out var checkedUpTo) ? null : stamp with { Detail = checkedUpTo };
    }
}
