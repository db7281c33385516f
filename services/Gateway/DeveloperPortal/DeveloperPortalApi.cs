using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;
using SpaceOfSport.BuildingBlocks;

namespace SpaceOfSport.Gateway.DeveloperPortal;

/// <summary>
/// The front door for developers, in Development only: an index page, every service's OpenAPI document, an API
/// reference over all of them (Scalar) and GraphiQL for each GraphQL endpoint. Every asset is served by the gateway
/// itself (Scalar's from its assembly, GraphiQL's from the build output), never from a CDN.
/// </summary>
public static class DeveloperPortalApi
{
    public const string IndexPath = "/developer";

    public const string ApiReferencePath = "/scalar";

    public const string GraphiQLAssetsPath = "/developer/graphiql";

    public static IServiceCollection AddDeveloperPortal(this IServiceCollection services)
    {
        services.AddHttpClient(ServiceDocuments.HttpClientName, (provider, client) =>
        {
            client.BaseAddress = DaprSidecar.HttpEndpoint(provider.GetRequiredService<IConfiguration>());
            client.Timeout = TimeSpan.FromSeconds(5);
        });
        services.AddSingleton<ServiceDocuments>();
        services.AddSingleton<GraphiQLAssets>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, BrowserPageMatcherPolicy>());
        return services;
    }

    public static WebApplication MapDeveloperPortal(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return app;

        app.MapGet(IndexPath, IndexAsync).WithName("DeveloperIndex").WithSummary("Links to every API document, the API reference and GraphiQL.");
        app.MapGet("/openapi/{service}.json", OpenApiDocumentAsync).WithName("ServiceOpenApiDocument")
            .WithSummary("A service's OpenAPI document, with the paths the gateway serves.");
        app.MapScalarApiReference(ApiReferencePath, ConfigureApiReferenceAsync);
        // Before the GraphQL proxy route, for browsers only (BrowserPageMatcherPolicy): GraphQL clients still reach the service.
        app.MapGet("/graphql/{service}", GraphiQL).WithMetadata(new BrowserPageMetadata()).WithOrder(-1)
            .WithName("GraphiQL").WithSummary("GraphiQL on a service's GraphQL endpoint, for a browser asking for a page.");
        app.MapGet(GraphiQLAssetsPath + "/{file}", GraphiQLAsset).WithName("GraphiQLAsset").WithSummary("GraphiQL's scripts and styles.");
        return app;
    }

    public static async Task<ContentHttpResult> IndexAsync(ServiceDocuments documents, CancellationToken cancellationToken)
    {
        var withOpenApi = documents.WhichAsync(async (service, token) => await documents.OpenApiAsync(service, token) is not null, cancellationToken);
        var withGraphQL = documents.WhichAsync(documents.HasGraphQLAsync, cancellationToken);
        static string Links(IEnumerable<string> services, Func<string, string> href, string empty) =>
            services.Any() ? string.Concat(services.Select(service => $"<li><a href=\"{href(service)}\">{WebUtility.HtmlEncode(service)}</a></li>")) : $"<li>{empty}</li>";

        var html = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Space of Sport for developers</title></head>
            <body>
            <h1>Space of Sport for developers</h1>
            <p>Development only, through the gateway as any client calls it. Services that are not running are not listed.</p>
            <h2>REST</h2>
            <ul><li><a href="{ApiReferencePath}/">API reference</a> (every OpenAPI document below)</li></ul>
            <h3>OpenAPI documents</h3>
            <ul>{Links(await withOpenApi, service => $"/openapi/{Uri.EscapeDataString(service)}.json", "none running")}</ul>
            <h2>GraphQL (GraphiQL)</h2>
            <ul>{Links(await withGraphQL, service => $"/graphql/{Uri.EscapeDataString(service)}", "none running")}</ul>
            <h2>Sign-in metadata</h2>
            <ul><li><a href="/.well-known/openid-configuration">/.well-known/openid-configuration</a></li><li><a href="/.well-known/jwks.json">/.well-known/jwks.json</a></li></ul>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    public static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> OpenApiDocumentAsync(string service, ServiceDocuments documents, CancellationToken cancellationToken)
    {
        if (!documents.IsService(service)) return UnknownService(service);
        return await documents.OpenApiAsync(service, cancellationToken) is { } document
            ? TypedResults.Ok(document)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No OpenAPI document",
                detail: $"The {service} service serves no OpenAPI document at {ServiceDocuments.OpenApiPath}, or is not running.");
    }

    /// <summary>One document per running service that has one; fonts, telemetry and hosted agents off, so nothing leaves the machine.</summary>
    public static async Task ConfigureApiReferenceAsync(ScalarOptions options, HttpContext http)
    {
        var documents = http.RequestServices.GetRequiredService<ServiceDocuments>();
        var services = await documents.WhichAsync(async (service, token) => await documents.OpenApiAsync(service, token) is not null, http.RequestAborted);
        options.WithTitle("Space of Sport APIs")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp();
        foreach (var service in services) options.AddDocument(service, service);
    }

    public static Results<ContentHttpResult, ProblemHttpResult> GraphiQL(string service, ServiceDocuments documents, GraphiQLAssets assets)
    {
        if (!documents.IsService(service)) return UnknownService(service);
        if (!assets.Installed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "GraphiQL is not installed",
                detail: "Its assets come from npm when the gateway is built: install Node.js (with npm) and build again.");
        }

        var endpoint = JsonSerializer.Serialize($"/graphql/{service}");
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>GraphiQL: {{WebUtility.HtmlEncode(service)}}</title>
            <link rel="stylesheet" href="{{GraphiQLAssetsPath}}/graphiql.min.css">
            <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
            </head>
            <body>
            <div id="graphiql">Loading GraphiQL…</div>
            <script src="{{GraphiQLAssetsPath}}/react.production.min.js"></script>
            <script src="{{GraphiQLAssetsPath}}/react-dom.production.min.js"></script>
            <script src="{{GraphiQLAssetsPath}}/graphiql.min.js"></script>
            <script>
              ReactDOM.createRoot(document.getElementById("graphiql"))
                .render(React.createElement(GraphiQL, { fetcher: GraphiQL.createFetcher({ url: {{endpoint}} }) }));
            </script>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    public static Results<PhysicalFileHttpResult, NotFound> GraphiQLAsset(string file, GraphiQLAssets assets) =>
        assets.Find(file) is var (path, contentType) ? TypedResults.PhysicalFile(path, contentType) : TypedResults.NotFound();

    private static ProblemHttpResult UnknownService(string service) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Unknown service", detail: $"There is no service '{service}' behind this gateway.");
}
