using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.GraphQL;

/// <summary>
/// Every catalog answer is read from the search index, its stock levels and the clock (flash-sale prices): a cached
/// answer stays right while the index's version holds and until the next flash sale starts or ends.
/// </summary>
public sealed class CatalogAnswerVersion(SearchIndex index, TimeProvider time) : IGraphQLAnswerVersion
{
    public GraphQLAnswerStamp Current
    {
        get
        {
            var version = index.Version;
            return new GraphQLAnswerStamp(version, index.Current.NextPriceChangeAfter(time.GetUtcNow()));
        }
    }
}
