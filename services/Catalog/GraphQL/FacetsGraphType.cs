using GraphQL.Types;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.GraphQL;

public sealed class FacetsGraphType : ObjectGraphType<SearchFacets>
{
    public FacetsGraphType()
    {
        Name = "Facets";
        Description = "Product counts per value. Brands, sports, sizes, colours, price bands and inStock are disjunctive: each ignores its own "
            + "filter, so a count is what the search returns with that value selected instead";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueGraphType>>>>("categories")
            .Description("Every category holding matches (a product counts in each ancestor: subtree counts)").Resolve(c => c.Source.Categories);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueGraphType>>>>("brands").Resolve(c => c.Source.Brands);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueGraphType>>>>("sports").Resolve(c => c.Source.Sports);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueGraphType>>>>("sizes").Resolve(c => c.Source.Sizes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueGraphType>>>>("colours").Resolve(c => c.Source.Colours);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueGraphType>>>>("priceBands").Resolve(c => c.Source.PriceBands);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueGraphType>>>>("inStock").Resolve(c => c.Source.InStock);
    }
}
