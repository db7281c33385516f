using System.Net;
using System.Net.Http.Headers;
using Dapr.Client;
using LocalDapr;
using LocalDapr.PubSub;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Cart.Apis;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Cart;
using SpaceOfSport.TestSupport;
using CartCheckoutClient = SpaceOfSport.Contracts.Cart.V1.CartCheckout.CartCheckoutClient;
using CartProgram = Program;
using PromotionsClient = SpaceOfSport.Contracts.Cart.V1.Promotions.PromotionsClient;
using TaxClient = SpaceOfSport.Contracts.Cart.V1.Tax.TaxClient;

namespace SpaceOfSport.Cart.Tests.Infrastructure;

/// <summary>
/// The real cart service (h2c) beside a local sidecar on one state store backend (<see cref="Sqlite"/> or
/// <see cref="Redis"/>), with stand-ins for identity, catalog and inventory on the same runtime, in-memory pub/sub and
/// the abandonment cron binding ticking every second. Time is a <see cref="FakeTimeProvider"/> the tests move.
/// Sidecars without apps for <c>ordering</c> and for an outsider app call the promotion reservations through Dapr's
/// gRPC proxying, as the ordering service does.
/// </summary>
public sealed class CartHost : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Redis = "redis";

    private readonly LocalDaprRuntime _runtime;
    private readonly string _components;

    private readonly LocalSidecar _ordering;
    private readonly LocalSidecar _outsider;

    private CartHost(LocalDaprRuntime runtime, string components, ServiceHost<CartProgram> service, TestIdentity identity, FakeCatalog catalog,
        FakeInventory inventory, EventCollector events, FakeTimeProvider clock, LocalSidecar ordering, LocalSidecar outsider)
    {
        _ordering = ordering;
        _outsider = outsider;
        Promotions = new PromotionsClient(DaprClient.CreateInvocationInvoker("cart", ordering.GrpcEndpoint.ToString()));
        OutsiderPromotions = new PromotionsClient(DaprClient.CreateInvocationInvoker("cart", outsider.GrpcEndpoint.ToString()));
        CartCheckout = new CartCheckoutClient(DaprClient.CreateInvocationInvoker("cart", ordering.GrpcEndpoint.ToString()));
        OutsiderCartCheckout = new CartCheckoutClient(DaprClient.CreateInvocationInvoker("cart", outsider.GrpcEndpoint.ToString()));
        _runtime = runtime;
        _components = components;
        Service = service;
        Identity = identity;
        Catalog = catalog;
        Inventory = inventory;
        Events = events;
        Clock = clock;
        Tax = new TaxClient(service.CreateGrpcChannel());
    }

    public ServiceHost<CartProgram> Service { get; }

    public TestIdentity Identity { get; }

    public FakeCatalog Catalog { get; }

    public FakeInventory Inventory { get; }

    public EventCollector Events { get; }

    public FakeTimeProvider Clock { get; }

    public TaxClient Tax { get; }

    /// <summary>The promotion reservations as app-id ordering calls them.</summary>
    public PromotionsClient Promotions { get; }

    /// <summary>The promotion reservations as any other app (here app-id storefront) would call them.</summary>
    public PromotionsClient OutsiderPromotions { get; }

    /// <summary>Taking a paid order's lines off a cart, as app-id ordering calls it.</summary>
    public CartCheckoutClient CartCheckout { get; }

    /// <summary>The same, as any other app would call it.</summary>
    public CartCheckoutClient OutsiderCartCheckout { get; }

    public static async Task<CartHost> StartAsync(string backend)
    {
        var state = backend switch
        {
            Sqlite => TestComponents.SqliteCartStateStores(Path.Combine(Path.GetTempPath(), $"cart-state-{Guid.NewGuid():N}.db")),
            Redis => TestComponents.RedisCartStateStores(RedisServer.Address),
            _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "sqlite or redis"),
        };
        var components = await TestComponents.CreateFolderAsync("cart-components",
            TestComponents.InMemoryPubSub, state, TestComponents.EverySecond(CartEventsApi.AbandonmentBinding, "cart"));

        var runtime = LocalDaprRuntime.Create();
        var identity = await TestIdentity.StartAsync(runtime, [components]);
        var catalog = await FakeCatalog.StartAsync(runtime, [components]);
        var inventory = await FakeInventory.StartAsync(runtime, [components]);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var service = await ServiceHost<CartProgram>.StartAsync(runtime, "cart", [components], new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Cart:AbandonedAfter"] = "01:00:00",
        }, http2: true, configure: web => web.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        }));
        var pubSub = service.Sidecar.Components.Find<IPubSub>(DaprComponents.PubSub, "cart")!;
        var events = await EventCollector.StartAsync(pubSub, [IntegrationEvent.Topic<CartChanged>(), IntegrationEvent.Topic<CartAbandoned>()]);
        var ordering = await runtime.StartSidecarAsync(new SidecarOptions { AppId = "ordering", ResourcesPaths = [components] });
        var outsider = await runtime.StartSidecarAsync(new SidecarOptions { AppId = "storefront", ResourcesPaths = [components] });
        return new CartHost(runtime, components, service, identity, catalog, inventory, events, clock, ordering, outsider);
    }

    /// <summary>A browser: keeps the cart cookie; signed in when <paramref name="userId"/> is given.</summary>
    public Shopper NewShopper(Guid? userId = null)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true })
        {
            BaseAddress = Service.Address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var shopper = new Shopper(http, cookies, Service.Address);
        if (userId is { } id) shopper.SignIn(Identity.IssueToken(id.ToString()));
        return shopper;
    }

    /// <summary>An HTTP/2 client carrying <paramref name="token"/>.</summary>
    public HttpClient AuthorizedHttp(string token)
    {
        var client = Service.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient StaffHttp() => AuthorizedHttp(Identity.IssueToken($"{Guid.NewGuid()}", [Permissions.PromotionsManage], ["merchandiser"]));

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        await _runtime.StopSidecarAsync(_outsider);
        await _runtime.StopSidecarAsync(_ordering);
        await Service.DisposeAsync();
        await Inventory.DisposeAsync();
        await Catalog.DisposeAsync();
        await Identity.DisposeAsync();
        await _runtime.DisposeAsync();
        Directory.Delete(_components, recursive: true);
    }
}
