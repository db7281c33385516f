using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using SpaceOfSport.Catalog.Products;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.GraphQL;

public static class GraphQLExtensions
{
    /// <summary>Deepest selection allowed (deep enough for search → nodes → category → breadcrumbs → children → name).</summary>
    public const int MaxDepth = 10;

    /// <summary>Complexity budget (list fields multiply their children; `first` sets the multiplier).</summary>
    public const int MaxComplexity = 20_000;

    /// <summary>Registers the schema, its graph types, the executer and the serializer (there is no GraphQL server package here).</summary>
    public static IServiceCollection AddCatalogGraphQL(this IServiceCollection services, bool allowIntrospection)
    {
        foreach (var type in typeof(CatalogSchema).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IGraphType).IsAssignableFrom(t)))
            services.AddSingleton(type);
        services.AddSingleton<EnumerationGraphType<AgeGroup>>();
        services.AddSingleton<EnumerationGraphType<SearchSort>>();
        services.AddSingleton<CatalogSchema>();
        services.AddSingleton<IDocumentExecuter, DocumentExecuter>();
        services.AddSingleton<GraphQLSerializer>();
        services.AddSingleton<IGraphQLTextSerializer>(provider => provider.GetRequiredService<GraphQLSerializer>());

        IValidationRule[] limits =
        [
            new ComplexityValidationRule(new ComplexityOptions { MaxDepth = MaxDepth, MaxComplexity = MaxComplexity }),
            .. allowIntrospection ? Array.Empty<IValidationRule>() : [NoIntrospectionValidationRule.Instance],
        ];
        services.AddSingleton(new GraphQLValidation([.. DocumentValidator.CoreRules, .. limits]));
        return services;
    }
}
