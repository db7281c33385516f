extern alias cart;
extern alias catalog;
extern alias gateway;
extern alias inventory;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.Mvc.Testing;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.TestSupport;
using CartProgram = cart::Program;
using CatalogProgram = catalog::Program;
using GatewayProgram = gateway::Program;
using InventoryClient = SpaceOfSport.Contracts.Inventory.V1.Inventory.InventoryClient;
using InventoryProgram = inventory::Program;

namespace SpaceOfSport.Shop.Tests;

/// <summary>
/// Inventory, the catalog, the cart and the gateway on one local runtime with in-memory pub/sub and a SQLite state
/// store, as the embedded profile runs them: the catalog seeds a small catalog on start (inventory is up first, so it
/// hears the announcements) and inventory gives each SKU opening stock. Each service has its own SQLite database.
/// </summary>
public sealed class ShopHost : IAsyncLifetime
{
    public const int SeedProducts = 30;

    private readonly string _components = Directory.CreateTempSubdirectory("shop-tests-").FullName;
    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private TestIdentity _identity = null!;
    private ServiceHost<InventoryProgram> _inventory = null!;
    private ServiceHost<CatalogProgram> _catalog = null!;
    private ServiceHost<CartProgram> _cart = null!;
    private WebApplicationFactory<GatewayProgram> _gateway = null!;

    public InventoryClient Inventory { get; private set; } = null!;

    /// <summary>The catalog over HTTP, carrying a token with catalog:write.</summary>
    public HttpClient Catalog { get; private set; } = null!;

    /// <summary>The gateway, as a browser reaches the shop (cookies kept).</summary>
    public HttpClient Gateway { get; private set; } = null!;

    public TestIdentity Identity => _identity;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_components, "pubsub.yaml"), TestComponents.InMemoryPubSub);
        await File.WriteAllTextAsync(Path.Combine(_components, "pubsub-broadcast.yaml"), TestComponents.InMemoryBroadcastPubSub);
        await File.WriteAllTextAsync(Path.Combine(_components, "statestore.yaml"), TestComponents.SqliteCartStateStores(Path.Combine(_components, "state.db")));
        _identity = await TestIdentity.StartAsync(_runtime, [_components]);
        _inventory = await ServiceHost<InventoryProgram>.StartAsync(_runtime, "inventory", [_components], new Dictionary<string, string?>
        {
            ["Database:Provider"] = "sqlite",
            ["ConnectionStrings:inventory"] = $"Data Source={Path.Combine(_components, "inventory.db")}",
            ["Inventory:OpeningStock:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        }, http2: true);
        _catalog = await ServiceHost<CatalogProgram>.StartAsync(_runtime, "catalog", [_components], new Dictionary<string, string?>
        {
            ["Database:Provider"] = "sqlite",
            ["Database:Seed"] = "true",
            ["Database:SeedProducts"] = SeedProducts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings:catalog"] = $"Data Source={Path.Combine(_components, "catalog.db")}",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        _cart = await ServiceHost<CartProgram>.StartAsync(_runtime, "cart", [_components], new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
        }, http2: true);
        Gateway = await StartGatewayAsync();
        Inventory = new InventoryClient(GrpcChannel.ForAddress(_inventory.Address));
        Catalog = _catalog.CreateHttpClient();
        Catalog.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            _identity.IssueToken("staff-1", permissions: [Permissions.CatalogWrite], roles: ["staff"], lifetime: TimeSpan.FromHours(1)));
    }

    /// <summary>A GraphQL query against the catalog; fails on GraphQL errors.</summary>
    public async Task<JsonNode> GraphQLAsync(string query, object? variables = null)
    {
        var response = await Catalog.PostAsJsonAsync("/graphql", new { query, variables });
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        body["errors"].Should().BeNull(body.ToJsonString());
        return body["data"]!;
    }

    /// <summary>The real gateway with its sidecar, configured from the sidecar's environment as the launcher starts it.</summary>
    private async Task<HttpClient> StartGatewayAsync()
    {
        var port = FreePort.Next();
        var sidecar = await _runtime.StartSidecarAsync(new SidecarOptions { AppId = "gateway", AppPort = port, ResourcesPaths = [_components] });
        _gateway = new WebApplicationFactory<GatewayProgram>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(Environments.Production);
            web.ConfigureLogging(logging => logging.ClearProviders());
            web.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
            web.UseSetting("Storefront:Url", $"http://127.0.0.1:{FreePort.Next()}");
            foreach (var (key, value) in sidecar.AppEnvironment) web.UseSetting(key, value);
        });
        _gateway.UseKestrel();
        _gateway.StartServer();
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await _gateway.DisposeAsync();
        await _cart.DisposeAsync();
        await _catalog.DisposeAsync();
        await _inventory.DisposeAsync();
        await _identity.DisposeAsync();
        await _runtime.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_components, recursive: true);
    }
}

/// <summary>One shop for the flow tests: starting several at once (four services, a gateway and a seed each) only adds load.</summary>
[CollectionDefinition(Name)]
public sealed class ShopCollection : ICollectionFixture<ShopHost>
{
    public const string Name = "shop";
}
