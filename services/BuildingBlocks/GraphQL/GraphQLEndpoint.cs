using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

/// <summary>
/// A service's /graphql over HTTP (https://graphql.github.io/graphql-over-http/): POST a JSON request, or GET with query
/// string parameters, run against the schema <see cref="GraphQLServiceCollectionExtensions.AddGraphQLSchema{TSchema}"/>
/// registered. Every GraphQL error (syntax, validation, limits, resolver) is a 200 with an `errors` list; only a request
/// that is not a GraphQL request at all is a 400.
/// </summary>
public static class GraphQLEndpoint
{
    public const string Path = "/graphql";

    public static IEndpointRouteBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, PostAsync).WithTags("GraphQL").WithName("PostGraphQL")
            .WithSummary("Runs a GraphQL request sent as JSON ({ query, variables, operationName, extensions }); a persisted query by hash instead of the text.");
        app.MapGet(Path, GetAsync).WithTags("GraphQL").WithName("GetGraphQL")
            .WithSummary("Runs a GraphQL query sent in the query string (query, variables and extensions as JSON, operationName).");
        return app;
    }

    /// <summary>What a GraphQL request needs besides the request itself, bound with <c>[AsParameters]</c>.</summary>
    public sealed record GraphQLServices(HttpContext Http, IGraphQLTextSerializer Serializer, IDocumentExecuter Executer, ISchema Schema, GraphQLValidation Validation);

    public static async Task<Results<GraphQLResponse, ValidationProblem>> PostAsync([AsParameters] GraphQLServices services)
    {
        GraphQLRequest? request;
        try
        {
            request = await services.Serializer.ReadAsync<GraphQLRequest>(services.Http.Request.Body, services.Http.RequestAborted);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return NotGraphQL("body", "is not a JSON GraphQL request");
        }

        return await ExecuteAsync(services, request);
    }

    public static async Task<Results<GraphQLResponse, ValidationProblem>> GetAsync(
        [AsParameters] GraphQLServices services, string? query, string? variables, string? operationName, string? extensions)
    {
        Inputs? inputs = null, extensionInputs = null;
        foreach (var (name, json) in new[] { (nameof(variables), variables), (nameof(extensions), extensions) })
        {
            if (string.IsNullOrEmpty(json)) continue;
            try
            {
                if (name == nameof(variables)) inputs = services.Serializer.Deserialize<Inputs>(json);
                else extensionInputs = services.Serializer.Deserialize<Inputs>(json);
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or FormatException)
            {
                return NotGraphQL(name, "is not a JSON object");
            }
        }

        return await ExecuteAsync(services, new GraphQLRequest { Query = query, Variables = inputs, OperationName = operationName, Extensions = extensionInputs });
    }

    private static async Task<Results<GraphQLResponse, ValidationProblem>> ExecuteAsync(GraphQLServices services, GraphQLRequest? request)
    {
        // An automatic persisted query names its query by hash (extensions.persistedQuery) instead of sending the text.
        if (request is null || (string.IsNullOrWhiteSpace(request.Query) && request.Extensions?.ContainsKey("persistedQuery") != true))
            return NotGraphQL("query", "is required");
        var result = await services.Executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = services.Schema,
            ValidationRules = services.Validation.Rules,
            Query = string.IsNullOrWhiteSpace(request.Query) ? null : request.Query,
            Variables = request.Variables,
            Extensions = request.Extensions,
            OperationName = request.OperationName,
            RequestServices = services.Http.RequestServices,
            User = services.Http.User,
            CancellationToken = services.Http.RequestAborted,
        });
        return new GraphQLResponse(result);
    }

    private static ValidationProblem NotGraphQL(string field, string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }, title: "Not a GraphQL request");
}
