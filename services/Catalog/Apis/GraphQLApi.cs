using GraphQL;
using GraphQL.Transport;
using SpaceOfSport.Catalog.GraphQL;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>
/// /graphql over HTTP (https://graphql.github.io/graphql-over-http/): POST a JSON request, or GET with query string
/// parameters. Every GraphQL error (syntax, validation, limits, resolver) is a 200 with an `errors` list; only a
/// request that is not a GraphQL request at all is a 400.
/// </summary>
public static class GraphQLApi
{
    public static IEndpointRouteBuilder MapGraphQLApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/graphql", async (HttpContext context, IGraphQLTextSerializer serializer, IDocumentExecuter executer, CatalogSchema schema, GraphQLValidation validation) =>
        {
            GraphQLRequest? request;
            try
            {
                request = await serializer.ReadAsync<GraphQLRequest>(context.Request.Body, context.RequestAborted);
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or FormatException)
            {
                return BadRequest("The body is not a JSON GraphQL request.");
            }

            return await ExecuteAsync(context, serializer, executer, schema, validation, request);
        }).WithTags("GraphQL");

        app.MapGet("/graphql", async (HttpContext context, IGraphQLTextSerializer serializer, IDocumentExecuter executer, CatalogSchema schema, GraphQLValidation validation,
            string? query, string? variables, string? operationName) =>
        {
            Inputs? inputs = null;
            if (!string.IsNullOrEmpty(variables))
            {
                try
                {
                    inputs = serializer.Deserialize<Inputs>(variables);
                }
                catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or FormatException)
                {
                    return BadRequest("variables is not a JSON object.");
                }
            }

            return await ExecuteAsync(context, serializer, executer, schema, validation, new GraphQLRequest { Query = query, Variables = inputs, OperationName = operationName });
        }).WithTags("GraphQL");
        return app;
    }

    private static async Task<IResult> ExecuteAsync(HttpContext context, IGraphQLTextSerializer serializer, IDocumentExecuter executer, CatalogSchema schema, GraphQLValidation validation, GraphQLRequest? request)
    {
        if (string.IsNullOrWhiteSpace(request?.Query)) return BadRequest("A GraphQL request needs a query.");
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            ValidationRules = validation.Rules,
            Query = request.Query,
            Variables = request.Variables,
            OperationName = request.OperationName,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = context.RequestAborted,
        });
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
        return Results.Empty;
    }

    private static IResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a GraphQL request", detail: detail);
}
