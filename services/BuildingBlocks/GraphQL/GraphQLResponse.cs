using System.Reflection;
using GraphQL;
using Microsoft.AspNetCore.Http.Metadata;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

/// <summary>
/// An executed GraphQL request, written with graphql-dotnet's serializer: always 200, errors inside the body
/// (https://graphql.github.io/graphql-over-http/).
/// </summary>
public sealed class GraphQLResponse(ExecutionResult result) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var serializer = httpContext.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        await serializer.WriteAsync(httpContext.Response.Body, result, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(object), ["application/json"]));
}
