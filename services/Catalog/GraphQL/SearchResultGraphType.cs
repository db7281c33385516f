using GraphQL.Types;
using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.GraphQL;

public sealed class SearchResultGraphType : ObjectGraphType<SearchResult>
{
    public SearchResultGraphType()
    {
        Name = "SearchResult";
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductGraphType>>>>("nodes").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(c =>
            new PageInfo(c.Source.HasNextPage ? SearchCursor.Encode(c.Source.NextOffset) : null, c.Source.HasNextPage));
        Field<NonNullGraphType<FacetsGraphType>>("facets").Resolve(c => c.Source.Facets);
    }
}
