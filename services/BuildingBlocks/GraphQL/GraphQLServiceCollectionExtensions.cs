using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
    /// time, for resolvers sharing one scoped DbContext (which allows no concurrent use) or resolvers that answer at once
    /// (then one field after another costs less than a task per field). Documents are parsed and validated once
    /// (<see cref="GraphQLDocumentCache"/>), and Apollo clients may send them by hash (<see cref="PersistedQueries"/>).
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
        services.AddSingleton<PersistedQueries>();
        services.AddSingleton<GraphQLDocumentCache>();
        services.AddSingleton<IDocumentExecuter>(provider => new DocumentExecuter(
            new GraphQLDocumentBuilder(),
            new DocumentValidator(),
            serialExecution
                ? new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(SerialExecutionStrategy.Instance, GraphQLParser.AST.OperationType.Query)])
                : new DefaultExecutionStrategySelector(),
            [provider.GetRequiredService<PersistedQueries>(), provider.GetRequiredService<GraphQLDocumentCache>()]));
        services.AddSingleton<GraphQLSerializer>();
        services.AddSingleton<IGraphQLTextSerializer>(provider => provider.GetRequiredService<GraphQLSerializer>());

        var complexity = new ComplexityValidationRule(new ComplexityOptions { MaxDepth = limits.MaxDepth, MaxComplexity = limits.MaxComplexity });
        IValidationRule[] rules = [complexity, .. allowIntrospection ? Array.Empty<IValidationRule>() : [NoIntrospectionValidationRule.Instance]];
        services.AddSingleton(new GraphQLValidation([.. DocumentValidator.CoreRules, .. rules], [complexity]));
        return services;
    }

    /// <summary>
    /// Turns on whole-answer caching (<see cref="GraphQLAnswerCache"/>) for callers the service does not identify, valid
    /// exactly as long as <typeparamref name="TVersion"/>'s stamps say.
    /// </summary>
    public static IServiceCollection AddGraphQLAnswerCache<TVersion>(this IServiceCollection services)
        where TVersion : class, IGraphQLAnswerVersion
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IGraphQLAnswerVersion, TVersion>();
        return services.AddSingleton<GraphQLAnswerCache>();
    }
}
