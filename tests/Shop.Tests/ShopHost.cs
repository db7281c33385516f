extern alias catalog;
extern alias inventory;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using LocalDapr;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.TestSupport;
using CatalogProgram = catalog::Program;
using InventoryClient = SpaceOfSport.Contracts.Inventory.V1.Inventory.InventoryClient;
using InventoryProgram = inventory::Program;

namespace SpaceOfSport.Shop.Tests;

/// <summary>
/// Inventory and the catalog on one local runtime with in-memory pub/sub, as the embedded profile runs them: the
/// catalog seeds a small catalog on start (inventory is up first, so it hears the announcements) and inventory gives
/// each SKU opening stock. Each service has its own SQLite database.
/// </summary>
public sealed class ShopHost : IAsyncLifetime
{
    public const int SeedProducts = 30;

    private readonly string _components = Directory.CreateTempSubdirectory("shop-tests-").FullName;
    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private TestIdentity _identity = null!;
    private ServiceHost<InventoryProgram> _inventory = null!;
    private ServiceHost<CatalogProgram> _catalog = null!;

    public InventoryClient Inventory { get; private set; } = null!;

    /// <summary>The catalog over HTTP, carrying a token with catalog:write.</summary>
    public HttpClient Catalog { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_components, "pubsub.yaml"), TestComponents.InMemoryPubSub);
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

    public async Task DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _inventory.DisposeAsync();
        await _identity.DisposeAsync();
        await _runtime.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_components, recursive: true);
    }
}
