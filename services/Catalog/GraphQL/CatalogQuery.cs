using GraphQL;
using GraphQL.Types;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.GraphQL;

public sealed class CatalogQuery : ObjectGraphType
{
    public const int MaxPageSize = 100;

    public CatalogQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<SearchResultGraphType>>("search")
            .Description("Typo-tolerant full text over name, brand and description, with filters, facets and sorting")
            .Argument<StringGraphType>("query")
            .Argument<SearchFilterInputGraphType>("filters")
            .Argument<EnumerationGraphType<SearchSort>>("sort", a => a.DefaultValue = SearchSort.Relevance)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .Resolve(Search);

        Field<ProductGraphType>("product")
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .Resolve(c =>
            {
                var index = c.RequestServices!.GetRequiredService<SearchIndex>();
                return index.Current.Product(c.GetArgument<string>("slug"), index.Now, index.Stock, c.RequestServices!.GetService<StockReads>());
            });

        Field<CategoryGraphType>("category")
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .Resolve(c => c.RequestServices!.GetRequiredService<SearchIndex>().Current.CategoriesBySlug.GetValueOrDefault(c.GetArgument<string>("slug")));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryGraphType>>>>("categories")
            .Description("The root categories")
            .Resolve(c => c.RequestServices!.GetRequiredService<SearchIndex>().Current.Children[null].OrderBy(n => n.SortOrder).ToList());
    }

    private static SearchResult Search(IResolveFieldContext context)
    {
        var first = context.GetArgument<int>("first");
        if (first is < 1 or > MaxPageSize) throw new ExecutionError($"first must be between 1 and {MaxPageSize}") { Code = "BAD_USER_INPUT" };
        if (!SearchCursor.TryDecode(context.GetArgument<string?>("after"), out var offset))
            throw new ExecutionError("after is not a cursor this API returned") { Code = "BAD_USER_INPUT" };
        var filters = context.GetArgument<SearchFilterInput?>("filters") ?? new SearchFilterInput();
        var query = new SearchQuery
        {
            Text = context.GetArgument<string?>("query"),
            CategorySlug = filters.Category,
            Brands = filters.Brands ?? [],
            Sports = filters.Sports ?? [],
            Sizes = filters.Sizes ?? [],
            Colours = filters.Colours ?? [],
            AgeGroup = filters.AgeGroup,
            MinPriceMinor = filters.MinPrice,
            MaxPriceMinor = filters.MaxPrice,
            InStock = filters.InStock,
            Sort = context.GetArgument<SearchSort>("sort"),
            First = first,
            Offset = offset,
        };
        return context.RequestServices!.GetRequiredService<SearchIndex>().Search(query, context.RequestServices!.GetService<StockReads>());
    }
}
