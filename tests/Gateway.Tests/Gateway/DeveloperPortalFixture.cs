using LocalDapr;
using SpaceOfSport.Gateway.Tests.Infrastructure;

namespace SpaceOfSport.Gateway.Tests.Gateway;

/// <summary>
/// A local runtime with a "catalog" that serves an OpenAPI document (and echoes everything else, GraphQL included) and
/// an "inventory" that serves neither; a gateway in Development routes to both and to a "wishlist" that is not running.
/// </summary>
public sealed class DeveloperPortalFixture : IAsyncLifetime
{
    /// <summary>A trimmed document as Microsoft.AspNetCore.OpenApi writes it: the app's own paths and address.</summary>
    public const string CatalogDocument = """
        {
          "openapi": "3.1.1",
          "info": { "title": "SpaceOfSport.Catalog | v1", "version": "1.0.0" },
          "servers": [ { "url": "http://localhost:5101/" } ],
          "paths": {
            "/api/products": { "get": { "operationId": "ListProducts", "responses": { "200": { "description": "OK" } } } },
            "/api/products/{id}": { "get": { "operationId": "GetProduct", "responses": { "200": { "description": "OK" } } } },
            "/graphql": { "post": { "operationId": "GraphQL", "responses": { "200": { "description": "OK" } } } },
            "/healthz": { "get": { "responses": { "200": { "description": "OK" } } } }
          }
        }
        """;

    public LocalDaprRuntime Runtime { get; } = LocalDaprRuntime.Create();

    public FakeService Catalog { get; private set; } = null!;

    public FakeService Inventory { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public HttpClient Client => Gateway.Client;

    /// <summary>The gateway settings of these tests: three services, one of them not running.</summary>
    public static Dictionary<string, string?> Services => new()
    {
        ["Gateway:Services:0"] = "catalog",
        ["Gateway:Services:1"] = "inventory",
        ["Gateway:Services:2"] = "wishlist",
    };

    public async Task InitializeAsync()
    {
        Catalog = await FakeService.StartAsync(Runtime, "catalog", map: app =>
        {
            app.MapGet("/openapi/v1.json", () => Results.Text(CatalogDocument, "application/json"));
            RequestEcho.MapEcho(app);
        });
        Inventory = await FakeService.StartAsync(Runtime, "inventory", map: _ => { });
        Gateway = await StartGatewayAsync(Environments.Development);
    }

    public Task<GatewayHost> StartGatewayAsync(string environment) =>
        GatewayHost.StartAsync(Runtime, Services, web => web.UseEnvironment(environment));

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Inventory.DisposeAsync();
        await Catalog.DisposeAsync();
        await Runtime.DisposeAsync();
    }
}
