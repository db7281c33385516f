using GraphQL.Types;
using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Catalog.Products;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.GraphQL;

public static class GraphQLExtensions
{
    /// <summary>
    /// Depth 10 (deep enough for search → nodes → category → breadcrumbs → children → name); complexity 20,000 (list
    /// fields multiply their children; `first` sets the multiplier).
    /// </summary>
    public static readonly GraphQLLimits Limits = new(MaxDepth: 10, MaxComplexity: 20_000);

    /// <summary>The catalog's schema on the shared GraphQL endpoint, with the enumerations its arguments use.</summary>
    public static IServiceCollection AddCatalogGraphQL(this IServiceCollection services, bool allowIntrospection)
    {
        services.AddSingleton<EnumerationGraphType<AgeGroup>>();
        services.AddSingleton<EnumerationGraphType<SearchSort>>();
        // Every resolver returns at once (the index is in memory): sibling fields one after another cost less than a task each.
        services.AddGraphQLSchema<CatalogSchema>(Limits, allowIntrospection, serialExecution: true);
        // Answers are the same for every anonymous caller until the index, the stock they read or a flash sale's clock changes them.
        services.AddScoped<StockReads>();
        return services.AddGraphQLAnswerCache<CatalogAnswerVersion>();
    }
}
