extern alias cart;
extern alias catalog;
extern alias gateway;
extern alias identity;
extern alias inventory;
using System.Diagnostics;
using System.Text;
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.Mvc.Testing;
using SpaceOfSport.TestSupport;
using CartProgram = cart::Program;
using CatalogProgram = catalog::Program;
using GatewayProgram = gateway::Program;
using IdentityProgram = identity::Program;
using InventoryProgram = inventory::Program;

namespace SpaceOfSport.Storefront.Tests;

/// <summary>
/// The whole shop a browser needs, as the README's first command runs it but with private ports and data: inventory,
/// the catalog (seeding a small catalog that inventory stocks), the real identity service, the cart and the gateway,
/// each beside its own sidecar on one local runtime, and the built storefront (<c>next start</c>) beside its sidecar,
/// behind the gateway at <c>/</c>. One per test run: browser tests share it.
/// </summary>
public sealed class StorefrontShop : IAsyncLifetime
{
    public const int SeedProducts = 30;

    private readonly string _components = Directory.CreateTempSubdirectory("storefront-tests-").FullName;
    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private readonly StringBuilder _storefrontLog = new();
    private ServiceHost<InventoryProgram> _inventory = null!;
    private ServiceHost<CatalogProgram> _catalog = null!;
    private ServiceHost<IdentityProgram> _identity = null!;
    private ServiceHost<CartProgram> _cart = null!;
    private WebApplicationFactory<GatewayProgram> _gateway = null!;
    private LocalSidecar _storefrontSidecar = null!;
    private Process? _storefront;

    /// <summary>The shop's public URL (the gateway), without a trailing slash.</summary>
    public string Url { get; private set; } = null!;

    /// <summary>What <c>next start</c> printed, for a failed test's message.</summary>
    public string StorefrontLog
    {
        get
        {
            lock (_storefrontLog) return _storefrontLog.ToString();
        }
    }

    public async Task InitializeAsync()
    {
        var build = StorefrontProject.EnsureBuiltAsync();
        await File.WriteAllTextAsync(Path.Combine(_components, "pubsub.yaml"), TestComponents.InMemoryPubSub);
        await File.WriteAllTextAsync(Path.Combine(_components, "statestore.yaml"), TestComponents.SqliteCartStateStores(Path.Combine(_components, "state.db")));
        var quiet = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" };
        _identity = await ServiceHost<IdentityProgram>.StartAsync(_runtime, "identity", [_components], new Dictionary<string, string?>(quiet)
        {
            ["Database:Provider"] = "sqlite",
            ["ConnectionStrings:identity"] = $"Data Source={Path.Combine(_components, "identity.db")}",
        }, http2: true);
        // Inventory is up before the catalog seeds, so it hears every product and stocks its SKUs.
        _inventory = await ServiceHost<InventoryProgram>.StartAsync(_runtime, "inventory", [_components], new Dictionary<string, string?>(quiet)
        {
            ["Database:Provider"] = "sqlite",
            ["ConnectionStrings:inventory"] = $"Data Source={Path.Combine(_components, "inventory.db")}",
            ["Inventory:OpeningStock:Enabled"] = "true",
        }, http2: true);
        _catalog = await ServiceHost<CatalogProgram>.StartAsync(_runtime, "catalog", [_components], new Dictionary<string, string?>(quiet)
        {
            ["Database:Provider"] = "sqlite",
            ["Database:Seed"] = "true",
            ["Database:SeedProducts"] = SeedProducts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings:catalog"] = $"Data Source={Path.Combine(_components, "catalog.db")}",
        });
        _cart = await ServiceHost<CartProgram>.StartAsync(_runtime, "cart", [_components], quiet, http2: true);

        var storefrontPort = FreePort.Next();
        StartGateway(storefrontPort);
        await build;
        await StartStorefrontAsync(storefrontPort);
    }

    /// <summary>The real gateway with its sidecar, sending pages to the storefront, configured as the launcher starts it.</summary>
    private void StartGateway(int storefrontPort)
    {
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}";
        var sidecar = _runtime.StartSidecarAsync(new SidecarOptions { AppId = "gateway", AppPort = port, ResourcesPaths = [_components] }).GetAwaiter().GetResult();
        _gateway = new WebApplicationFactory<GatewayProgram>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(Environments.Production);
            web.ConfigureLogging(logging => logging.ClearProviders());
            web.UseSetting(WebHostDefaults.ServerUrlsKey, Url);
            web.UseSetting("Storefront:Url", $"http://127.0.0.1:{storefrontPort}");
            foreach (var (key, value) in sidecar.AppEnvironment) web.UseSetting(key, value);
        });
        _gateway.UseKestrel();
        _gateway.StartServer();
    }

    private async Task StartStorefrontAsync(int port)
    {
        _storefrontSidecar = await _runtime.StartSidecarAsync(new SidecarOptions { AppId = "storefront", AppPort = port, ResourcesPaths = [_components] });
        var environment = new Dictionary<string, string>(_storefrontSidecar.AppEnvironment) { ["PUBLIC_URL"] = Url, ["NODE_ENV"] = "production" };
        _storefront = StorefrontProject.StartServer(port, environment, _storefrontLog);
        using var client = new HttpClient { BaseAddress = new Uri(Url) };
        await Eventually.UntilAsync(async () =>
        {
            if (_storefront.HasExited) throw new InvalidOperationException($"next start stopped:\n{StorefrontLog}");
            return await AnswersAsync(client, "/robots.txt");
        }, "the storefront behind the gateway", TimeSpan.FromSeconds(60), () => StorefrontLog);
        // The pages list what is in stock: wait until inventory has stocked the seed and the catalog has heard it.
        await Eventually.UntilAsync(async () => await InStockCountAsync(client) >= SeedProducts / 2, "the seeded products in stock", TimeSpan.FromMinutes(2));
    }

    private static async Task<bool> AnswersAsync(HttpClient client, string path)
    {
        try
        {
            return (await client.GetAsync(new Uri(path, UriKind.Relative))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<int> InStockCountAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/graphql/catalog", new { query = "{ search(filters: { inStock: true }, first: 1) { totalCount } }" });
        if (!response.IsSuccessStatusCode) return 0;
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>();
        return body?["data"]?["search"]?["totalCount"]?.GetValue<int>() ?? 0;
    }

    /// <summary>The environment a node test file gets to reach this shop.</summary>
    public IReadOnlyDictionary<string, string> TestEnvironment => new Dictionary<string, string> { ["SHOP_URL"] = Url };

    public async Task DisposeAsync()
    {
        if (_storefront is { HasExited: false }) _storefront.Kill(entireProcessTree: true);
        _storefront?.Dispose();
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

/// <summary>One shop for every browser test: starting several only adds load.</summary>
[CollectionDefinition(Name)]
public sealed class StorefrontShopCollection : ICollectionFixture<StorefrontShop>
{
    public const string Name = "storefront shop";
}
