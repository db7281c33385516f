using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

/// <summary>The limits every request of a schema is held to (errors in the answer, never a 500).</summary>
/// <param name="MaxDepth">Deepest selection allowed.</param>
/// <param name="MaxComplexity">Complexity budget: list fields multiply their children (by `first` where given).</param>
public sealed record GraphQLLimits(int MaxDepth, int MaxComplexity);

public static class GraphQLServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TSchema"/> as the service's one schema (served by <see cref="GraphQLEndpoint"/>),
    /// every graph type of its assembly and of this one, the executer, graphql-dotnet's System.Text.Json serializer and
    /// the validation rules: the spec's, <paramref name="limits"/>, and no introspection unless
    /// <paramref name="allowIntrospection"/> (Development). <paramref name="serialExecution"/> resolves fields one at a
    /// time, for resolvers sharing one scoped DbContext (which allows no concurrent use).
    /// </summary>
    public static IServiceCollection AddGraphQLSchema<TSchema>(this IServiceCollection services, GraphQLLimits limits, bool allowIntrospection, bool serialExecution = false)
        where TSchema : class, ISchema
    {
        foreach (var assembly in new[] { typeof(TSchema).Assembly, typeof(GraphQLEndpoint).Assembly }.Distinct())
        {
            foreach (var type in assembly.GetTypes().Where(t => !t.IsAbstract && !t.ContainsGenericParameters && typeof(IGraphType).IsAssignableFrom(t)))
                services.AddSingleton(type);
        }
        services.AddSingleton<TSchema>();
        services.AddSingleton<ISchema>(provider => provider.GetRequiredService<TSchema>());
        if (serialExecution)
        {
            services.AddSingleton<IDocumentExecuter>(_ => new DocumentExecuter(
                new GraphQLDocumentBuilder(), new DocumentValidator(),
                new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(SerialExecutionStrategy.Instance, GraphQLParser.AST.OperationType.Query)]),
                []));
        }
        else
        {
            services.AddSingleton<IDocumentExecuter, DocumentExecuter>();
        }
        services.AddSingleton<GraphQLSerializer>();
        services.AddSingleton<IGraphQLTextSerializer>(provider => provider.GetRequiredService<GraphQLSerializer>());

        IValidationRule[] rules =
        [
            new ComplexityValidationRule(new ComplexityOptions { MaxDepth = limits.MaxDepth, MaxComplexity = limits.MaxComplexity }),
            .. allowIntrospection ? Array.Empty<IValidationRule>() : [NoIntrospectionValidationRule.Instance],
        ];
        services.AddSingleton(new GraphQLValidation([.. DocumentValidator.CoreRules, .. rules]));
        return services;
    }
}
