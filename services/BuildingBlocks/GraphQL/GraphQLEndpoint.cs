using System.Buffers;
using System.Text;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

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
        var http = services.Http;
        var cache = CacheFor(http);
        var body = http.Request.Body;
        string? key = null;
        // The body is the cache key: read whole (it is small) when the answer may come from the cache.
        if (cache is not null && http.Request.ContentLength is { } length and <= GraphQLAnswerCache.MaxKeyLength)
        {
            var bytes = new byte[length];
            await http.Request.Body.ReadExactlyAsync(bytes, http.RequestAborted);
            key = Key(bytes);
            body = new MemoryStream(bytes, writable: false);
        }
        else if (cache is not null && http.Request.ContentLength is null)
        {
            // Chunked: read up to the limit, then the whole body again from the request's buffer.
            http.Request.EnableBuffering();
            var buffer = ArrayPool<byte>.Shared.Rent(GraphQLAnswerCache.MaxKeyLength + 1);
            try
            {
                var read = await http.Request.Body.ReadAtLeastAsync(buffer, GraphQLAnswerCache.MaxKeyLength + 1, throwOnEndOfStream: false, http.RequestAborted);
                if (read <= GraphQLAnswerCache.MaxKeyLength) key = Key(buffer.AsSpan(0, read));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            http.Request.Body.Position = 0;
            body = http.Request.Body;
        }

        // Only answers without errors are kept, so a kept key is a well-formed request: no need to read it again.
        if (key is not null && cache!.Find(key) is { } cached) return new GraphQLResponse(cached, "hit");

        GraphQLRequest? request;
        try
        {
            request = await services.Serializer.ReadAsync<GraphQLRequest>(body, http.RequestAborted);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return NotGraphQL("body", "is not a JSON GraphQL request");
        }

        return await ExecuteAsync(services, request, cache, key);
    }

    public static async Task<Results<GraphQLResponse, ValidationProblem>> GetAsync(
        [AsParameters] GraphQLServices services, string? query, string? variables, string? operationName, string? extensions)
    {
        var cache = CacheFor(services.Http);
        var key = cache is not null && services.Http.Request.QueryString.Value is { Length: <= GraphQLAnswerCache.MaxKeyLength } parameters ? "GET " + parameters : null;
        if (key is not null && cache!.Find(key) is { } cached) return new GraphQLResponse(cached, "hit");
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

        return await ExecuteAsync(services, new GraphQLRequest { Query = query, Variables = inputs, OperationName = operationName, Extensions = extensionInputs }, cache, key);
    }

    /// <summary>A POST body as the cache knows it: Latin-1 maps every byte to one character, so different bodies never share a key.</summary>
    private static string Key(ReadOnlySpan<byte> body) => "POST " + Encoding.Latin1.GetString(body);

    /// <summary>
    /// The service's answer cache, unless the caller is identified (an Authorization header, valid or not): what a
    /// schema answers one user is never kept for another.
    /// </summary>
    private static GraphQLAnswerCache? CacheFor(HttpContext http) =>
        http.Request.Headers.ContainsKey(HeaderNames.Authorization) ? null : http.RequestServices.GetService<GraphQLAnswerCache>();

    /// <param name="cache">Null when the answer must not come from or go into the cache.</param>
    /// <param name="key">The request as the cache knows it; null when the request is not cached (identified, too long).</param>
    private static async Task<Results<GraphQLResponse, ValidationProblem>> ExecuteAsync(GraphQLServices services, GraphQLRequest? request, GraphQLAnswerCache? cache, string? key)
    {
        // An automatic persisted query names its query by hash (extensions.persistedQuery) instead of sending the text.
        if (request is null || (string.IsNullOrWhiteSpace(request.Query) && request.Extensions?.ContainsKey("persistedQuery") != true))
            return NotGraphQL("query", "is required");
        // Read before running: an answer is kept under the stamp of the state it may have read, never a later one.
        var stamp = cache?.Stamp();
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
        var cacheStatus = services.Http.RequestServices.GetService<GraphQLAnswerCache>() is null ? null : "fwd=bypass";
        if (key is null) return new GraphQLResponse(result, cacheStatus);
        // Only queries: a mutation must run every time.
        if (result.Errors is { Count: > 0 } || !result.Executed || result.Operation?.Operation != OperationType.Query) return new GraphQLResponse(result, "fwd=miss");
        using var answer = new MemoryStream();
        await services.Serializer.WriteAsync(answer, result, services.Http.RequestAborted);
        var body = answer.ToArray();
        cache!.Keep(key, body, stamp!.Value, cache.ReadsOf(services.Http.RequestServices));
        return new GraphQLResponse(body, "fwd=miss; stored");
    }

    private static ValidationProblem NotGraphQL(string field, string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }, title: "Not a GraphQL request");
}
