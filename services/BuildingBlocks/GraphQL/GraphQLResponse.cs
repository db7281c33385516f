using System.Reflection;
using GraphQL;
using Microsoft.AspNetCore.Http.Metadata;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

/// <summary>
/// A GraphQL answer: an executed request written with graphql-dotnet's serializer, or an answer already serialized (from
/// <see cref="GraphQLAnswerCache"/>); always 200, errors inside the body (https://graphql.github.io/graphql-over-http/).
/// With the cache on, <c>Cache-Status</c> (RFC 9211) says whether it answered.
/// </summary>
public sealed class GraphQLResponse : IResult, IEndpointMetadataProvider
{
    public const string CacheName = "graphql";

    private readonly ExecutionResult? _result;
    private readonly byte[]? _body;
    private readonly string? _cacheStatus;

    public GraphQLResponse(ExecutionResult result, string? cacheStatus = null) => (_result, _cacheStatus) = (result, cacheStatus);

    public GraphQLResponse(byte[] body, string cacheStatus) => (_body, _cacheStatus) = (body, cacheStatus);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        if (_cacheStatus is not null) httpContext.Response.Headers["Cache-Status"] = $"{CacheName}; {_cacheStatus}";
        if (_body is not null)
        {
            httpContext.Response.ContentLength = _body.Length;
            await httpContext.Response.Body.WriteAsync(_body, httpContext.RequestAborted);
            return;
        }

        var serializer = httpContext.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        await serializer.WriteAsync(httpContext.Response.Body, _result, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(object), ["application/json"]));
}
