using GraphQL.Types;
using SpaceOfSport.Catalog.Products;

namespace SpaceOfSport.Catalog.GraphQL;

public sealed class SearchFilterInputGraphType : InputObjectGraphType<SearchFilterInput>
{
    public SearchFilterInputGraphType()
    {
        Name = "SearchFilter";
        Description = "Sizes, colours, the price range and inStock must hold for one and the same variant";
        Field<StringGraphType>("category").Description("A category slug: matches its whole subtree");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("brands").Description("Brand slugs (any of)");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("sports").Description("Sport slugs (any of)");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("sizes").Description("Size labels as the size facet gives them");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("colours").Description("Colour names as the colour facet gives them");
        Field<EnumerationGraphType<AgeGroup>>("ageGroup");
        Field<LongGraphType>("minPrice").Description("Minor units, inclusive");
        Field<LongGraphType>("maxPrice").Description("Minor units, inclusive");
        Field<BooleanGraphType>("inStock").Description("true: variants inventory has units of; false: products whose passing variants are all sold out");
    }
}
