extern alias analytics;
extern alias cart;
extern alias catalog;
extern alias gateway;
extern alias identity;
extern alias inventory;
extern alias notifications;
extern alias ordering;
extern alias payments;
using System.Diagnostics;
using System.Text;
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.TestSupport;
using AnalyticsProgram = analytics::Program;
using CartProgram = cart::Program;
using CatalogProgram = catalog::Program;
using GatewayProgram = gateway::Program;
using IdentityProgram = identity::Program;
using InventoryProgram = inventory::Program;
using NotificationsProgram = notifications::Program;
using OrderingProgram = ordering::Program;
using PaymentsProgram = payments::Program;

namespace SpaceOfSport.Storefront.Tests;

/// <summary>
/// The whole shop a browser needs, as the README's first command runs it but with private ports and data: inventory,
/// the catalog (seeding a small catalog that inventory stocks), the real identity service, the cart, ordering (its
/// checkout workflow on the actor store), payments with the Stripe sandbox (its hosted card page, its signed webhooks
/// to payments), the notifications hub (the pages' live updates, through the gateway's <c>/ws</c>), analytics (usage
/// events, recommendations) and the gateway, each
/// beside its own sidecar on one local runtime, and the built storefront (<c>next start</c>) beside its sidecar, behind
/// the gateway at <c>/</c>. One per test run: browser tests share it.
/// </summary>
public sealed class StorefrontShop : IAsyncLifetime
{
    public const int SeedProducts = 30;

    /// <summary>The delivery partners' webhook secret here: the browser tests sign shipped and delivered events with it.</summary>
    public const string DeliveryWebhookSecret = "whsec_c3RvcmVmcm9udC10ZXN0cy1kZWxpdmVyeS1zZWNyZXQ=";

    /// <summary>The storefront's usage events are signed with it (analytics reads the same secret).</summary>
    public const string AnalyticsWebhookSecret = "whsec_c3RvcmVmcm9udC10ZXN0cy1hbmFseXRpY3Mtc2VjcmV0IQ==";

    /// <summary>The shop's first admin (identity's bootstrap secret): the browser tests change a price with it.</summary>
    public const string AdminEmail = "admin@storefront-tests.local";

    public const string AdminPassword = "storefront tests admin passphrase";

    /// <summary>Identity's sign-in limit per client address here: low, so a test can spend it cheaply.</summary>
    public const int SignInsPerAddress = 8;

    private readonly string _components = Directory.CreateTempSubdirectory("storefront-tests-").FullName;
    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private readonly StringBuilder _storefrontLog = new();
    private ServiceHost<InventoryProgram> _inventory = null!;
    private ServiceHost<CatalogProgram> _catalog = null!;
    private ServiceHost<IdentityProgram> _identity = null!;
    private ServiceHost<CartProgram> _cart = null!;
    private ServiceHost<PaymentsProgram> _payments = null!;
    private ServiceHost<OrderingProgram> _ordering = null!;
    private ServiceHost<NotificationsProgram> _notifications = null!;
    private ServiceHost<AnalyticsProgram> _analytics = null!;
    private SandboxHost _sandbox = null!;
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
        await File.WriteAllTextAsync(Path.Combine(_components, "pubsub-broadcast.yaml"), TestComponents.InMemoryBroadcastPubSub);
        await File.WriteAllTextAsync(Path.Combine(_components, "hub-pubsub.yaml"), HubPubSub);
        await File.WriteAllTextAsync(Path.Combine(_components, "flash-sale-schedule.yaml"), TestComponents.EverySecond("flash-sale-schedule", "catalog"));
        await File.WriteAllTextAsync(Path.Combine(_components, "statestore.yaml"), TestComponents.SqliteCartStateStores(Path.Combine(_components, "state.db")));
        await WriteCheckoutComponentsAsync();
        var quiet = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" };
        _identity = await ServiceHost<IdentityProgram>.StartAsync(_runtime, "identity", [_components], new Dictionary<string, string?>(quiet)
        {
            ["Database:Provider"] = "sqlite",
            ["ConnectionStrings:identity"] = $"Data Source={Path.Combine(_components, "identity.db")}",
            ["Identity:RateLimits:LoginsPerIpPerMinute"] = SignInsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, http2: true);
        // Analytics is up before inventory stocks the seed: it learns which SKUs are in stock from those events.
        _analytics = await ServiceHost<AnalyticsProgram>.StartAsync(_runtime, "analytics", [_components], new Dictionary<string, string?>(quiet)
        {
            ["Database:Provider"] = "sqlite",
            ["ConnectionStrings:analytics"] = $"Data Source={Path.Combine(_components, "analytics.db")}",
        });
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
        LowStockVariants = await LowStockVariantsAsync();
        _cart = await ServiceHost<CartProgram>.StartAsync(_runtime, "cart", [_components], quiet, http2: true);

        var gatewayPort = FreePort.Next();
        Url = $"http://127.0.0.1:{gatewayPort}";
        var sandboxPort = FreePort.Next();
        _payments = await ServiceHost<PaymentsProgram>.StartAsync(_runtime, "payments", [_components], new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:payments"] = $"Data Source={Path.Combine(_components, "payments.db")}",
            ["Payments:Stripe:SandboxUrl"] = $"http://127.0.0.1:{sandboxPort}",
        }, http2: true);
        _sandbox = SandboxHost.Start($"{_payments.Sidecar.HttpEndpoint.ToString().TrimEnd('/')}/v1.0/invoke/payments/method/webhooks/stripe", sandboxPort);
        _ordering = await ServiceHost<OrderingProgram>.StartAsync(_runtime, "ordering", [_components], new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:ordering"] = $"Data Source={Path.Combine(_components, "ordering.db")}",
            ["Ordering:Checkout:PaymentReturnUrl"] = $"{Url}/checkout/return",
        }, http2: true);

        _notifications = await ServiceHost<NotificationsProgram>.StartAsync(_runtime, "notifications", [_components], new Dictionary<string, string?>(quiet)
        {
            ["Hub:AllowedOrigins:0"] = Url,
        });

        var storefrontPort = FreePort.Next();
        StartGateway(gatewayPort, storefrontPort);
        await build;
        await StartStorefrontAsync(storefrontPort);
    }

    /// <summary>The real gateway with its sidecar, sending pages to the storefront, configured as the launcher starts it.</summary>
    private void StartGateway(int port, int storefrontPort)
    {
        var sidecar = _runtime.StartSidecarAsync(new SidecarOptions { AppId = "gateway", AppPort = port, ResourcesPaths = [_components] }).GetAwaiter().GetResult();
        _gateway = new WebApplicationFactory<GatewayProgram>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(Environments.Production);
            web.ConfigureLogging(logging => logging.ClearProviders());
            web.UseSetting(WebHostDefaults.ServerUrlsKey, Url);
            web.UseSetting("Storefront:Url", $"http://127.0.0.1:{storefrontPort}");
            web.UseSetting("Services:notifications", _notifications.Address.ToString());
            // The browser tests stand for shoppers at other addresses by sending X-Forwarded-For from this machine.
            web.UseSetting("Gateway:KnownProxies:0", "127.0.0.1");
            foreach (var (key, value) in sidecar.AppEnvironment) web.UseSetting(key, value);
        });
        _gateway.UseKestrel();
        _gateway.StartServer();
    }

    /// <summary>The hub's own subscription to the shop's broker (one consumer group per replica), as the embedded profile has it.</summary>
    private const string HubPubSub = """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: hub-pubsub
        spec:
          type: pubsub.in-memory
          version: v1
          metadata:
            - name: consumerID
              value: "{podName}"
        """;

    /// <summary>The checkout's components as the embedded profile has them: workflow state, and the webhook secret payments reads.</summary>
    private async Task WriteCheckoutComponentsAsync()
    {
        var secretsFile = Path.Combine(_components, "secrets.json");
        await File.WriteAllTextAsync(secretsFile, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["stripe"] = new { webhookSecret = SandboxHost.WebhookSecret },
            ["delivery"] = new { webhookSecret = DeliveryWebhookSecret },
            ["analytics"] = new { webhookSecret = AnalyticsWebhookSecret },
            ["identity-bootstrap-admin"] = System.Text.Json.JsonSerializer.Serialize(new { email = AdminEmail, password = AdminPassword }),
        }));
        await File.WriteAllTextAsync(Path.Combine(_components, "actorstore.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: actorstore
            spec:
              type: state.sqlite
              version: v1
              metadata:
                - name: connectionString
                  value: "Data Source={Path.Combine(_components, "actors.db")}"
                - name: actorStateStore
                  value: "true"
            """);
        await File.WriteAllTextAsync(Path.Combine(_components, "secretstore.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: secretstore
            spec:
              type: secretstores.local.file
              version: v1
              metadata:
                - name: secretsFile
                  value: "{secretsFile}"
                - name: nestedSeparator
                  value: ":"
            """);
    }

    private async Task StartStorefrontAsync(int port)
    {
        _storefrontSidecar = await _runtime.StartSidecarAsync(new SidecarOptions { AppId = "storefront", AppPort = port, ResourcesPaths = [_components], AppApiToken = Guid.NewGuid().ToString("N") });
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

    /// <summary>
    /// Seeded variants inventory stocks with 2 to 8 units (its opening stock is a function of the SKU): the flash sale test
    /// sells one out with two small orders. JSON <c>[{sku, variantId, slug, size, colour}]</c>.
    /// </summary>
    public string LowStockVariants { get; private set; } = "[]";

    private async Task<string> LowStockVariantsAsync()
    {
        await using var scope = _catalog.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<catalog::SpaceOfSport.Catalog.Data.CatalogDbContext>();
        var variants = await db.Variants.Where(v => v.Product!.Status == catalog::SpaceOfSport.Catalog.Products.ProductStatus.Active)
            .OrderBy(v => v.Id).Select(v => new { sku = v.Sku, variantId = v.Id, slug = v.Product!.Slug, size = v.Size, colour = v.Colour }).ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(variants.Where(v => inventory::SpaceOfSport.Inventory.Stock.OpeningStock.UnitsFor(v.sku) is >= 2 and <= 8).Take(20));
    }

    /// <summary>The environment a node test file gets to reach this shop.</summary>
    public IReadOnlyDictionary<string, string> TestEnvironment => new Dictionary<string, string>
    {
        ["SHOP_URL"] = Url,
        ["SIGN_INS_PER_ADDRESS"] = SignInsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DELIVERY_WEBHOOK_SECRET"] = DeliveryWebhookSecret,
        ["ADMIN_EMAIL"] = AdminEmail,
        ["ADMIN_PASSWORD"] = AdminPassword,
        ["LOW_STOCK_VARIANTS"] = LowStockVariants,
    };

    public async Task DisposeAsync()
    {
        if (_storefront is { HasExited: false }) _storefront.Kill(entireProcessTree: true);
        _storefront?.Dispose();
        await _gateway.DisposeAsync();
        await _ordering.DisposeAsync();
        await _notifications.DisposeAsync();
        await _analytics.DisposeAsync();
        await _sandbox.DisposeAsync();
        await _payments.DisposeAsync();
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
