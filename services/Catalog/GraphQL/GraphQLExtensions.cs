using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
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
        services.AddSingleton<PersistedQueries>();
        services.AddSingleton<GraphQLDocumentCache>();
        services.AddSingleton<IDocumentExecuter>(provider => new DocumentExecuter(
            new GraphQLDocumentBuilder(),
            new DocumentValidator(),
            // Every resolver here returns at once (the index is in memory): running sibling fields one after another
            // costs less than the default parallel strategy's task per field.
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(SerialExecutionStrategy.Instance, OperationType.Query)]),
            [provider.GetRequiredService<PersistedQueries>(), provider.GetRequiredService<GraphQLDocumentCache>()]));
        services.AddSingleton<GraphQLSerializer>();
        services.AddSingleton<IGraphQLTextSerializer>(provider => provider.GetRequiredService<GraphQLSerializer>());

        var complexity = new ComplexityValidationRule(new ComplexityOptions { MaxDepth = MaxDepth, MaxComplexity = MaxComplexity });
        IValidationRule[] limits = [complexity, .. allowIntrospection ? Array.Empty<IValidationRule>() : [NoIntrospectionValidationRule.Instance]];
        services.AddSingleton(new GraphQLValidation([.. DocumentValidator.CoreRules, .. limits], [complexity]));
        return services;
    }
}
