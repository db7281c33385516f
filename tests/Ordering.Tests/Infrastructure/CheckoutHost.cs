extern alias cart;
extern alias inventory;
extern alias ordering;
extern alias payments;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using LocalDapr;
using LocalDapr.PubSub;
using LocalDapr.Sidecar;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Contracts.Events.Payments;
using SpaceOfSport.Contracts.Inventory.V1;
using SpaceOfSport.TestSupport;
using CartProgram = cart::Program;
using InventoryClient = SpaceOfSport.Contracts.Inventory.V1.Inventory.InventoryClient;
using InventoryProgram = inventory::Program;
using OrderingProgram = ordering::Program;
using PaymentsProgram = payments::Program;
using StripeClient = Stripe.StripeClient;

namespace SpaceOfSport.Ordering.Tests.Infrastructure;

/// <summary>
/// The checkout's world on one local runtime: cart, inventory, payments and (unless <c>orderingInProcess</c> is false)
/// ordering as real services beside their sidecars, each with its own SQLite database; the Stripe sandbox sending its
/// signed webhooks to payments' sidecar; a catalog and an identity stand-in. State, workflow state and pub/sub are the
/// embedded profile's component types.
/// </summary>
public sealed class CheckoutHost : IAsyncDisposable
{
    private readonly LocalDaprRuntime _runtime;

    private CheckoutHost(LocalDaprRuntime runtime, string components)
    {
        _runtime = runtime;
        Components = components;
    }

    public string Components { get; }

    public TestIdentity Identity { get; private set; } = null!;

    public CatalogStandIn Catalog { get; private set; } = null!;

    public ServiceHost<InventoryProgram> InventoryService { get; private set; } = null!;

    public ServiceHost<CartProgram> Cart { get; private set; } = null!;

    public ServiceHost<PaymentsProgram> Payments { get; private set; } = null!;

    public ServiceHost<OrderingProgram>? Ordering { get; private set; }

    public SandboxHost Sandbox { get; private set; } = null!;

    public EventCollector Events { get; private set; } = null!;

    public InventoryClient Inventory { get; private set; } = null!;

    /// <summary>Stripe.net on the sandbox: the customer's browser confirming the PaymentIntent with a test card.</summary>
    public StripeClient Stripe { get; private set; } = null!;

    public HttpClient PaymentsHttp { get; private set; } = null!;

    /// <summary>Where ordering answers (the in-process host, or the process a crash test started).</summary>
    public Uri OrderingAddress { get; private set; } = null!;

    /// <summary>
    /// Ordering's sidecar when ordering runs as a process of its own (<c>orderingInProcess: false</c>, the crash tests):
    /// it probes the app's health as daprd does, so events for a dead ordering wait until it is back.
    /// </summary>
    public LocalSidecar? OrderingSidecar { get; private set; }

    /// <summary>Ordering's SQLite database (the in-process host's, or the one a crash test's process uses).</summary>
    public string OrderingDatabase => Path.Combine(Components, "ordering.db");

    public string StaffToken => Identity.IssueToken($"{Guid.NewGuid()}", [Permissions.InventoryAdjust, Permissions.OrdersManage, Permissions.OrdersReadAll], ["staff"]);

    public static async Task<CheckoutHost> StartAsync(IReadOnlyDictionary<string, string?>? orderingSettings = null, bool orderingInProcess = true)
    {
        var components = Directory.CreateTempSubdirectory("ordering-components-").FullName;
        var secretsFile = Path.Combine(components, "secrets.json");
        await File.WriteAllTextAsync(secretsFile, JsonSerializer.Serialize(new
        {
            stripe = new { webhookSecret = SandboxHost.WebhookSecret },
            delivery = new { webhookSecret = SeededOrdersHost.WebhookSecret },
        }));
        await File.WriteAllTextAsync(Path.Combine(components, "pubsub.yaml"), TestComponents.InMemoryPubSub);
        await File.WriteAllTextAsync(Path.Combine(components, "statestore.yaml"), TestComponents.SqliteCartStateStores(Path.Combine(components, "state.db")));
        await File.WriteAllTextAsync(Path.Combine(components, "actorstore.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: actorstore
            spec:
              type: state.sqlite
              version: v1
              metadata:
                - name: connectionString
                  value: "Data Source={Path.Combine(components, "actors.db")}"
                - name: actorStateStore
                  value: "true"
            """);
        await File.WriteAllTextAsync(Path.Combine(components, "secretstore.yaml"), $"""
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

        var host = new CheckoutHost(LocalDaprRuntime.Create(), components);
        var quiet = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" };
        host.Identity = await TestIdentity.StartAsync(host._runtime, [components]);
        host.Catalog = await CatalogStandIn.StartAsync(host._runtime, [components]);
        host.InventoryService = await ServiceHost<InventoryProgram>.StartAsync(host._runtime, "inventory", [components], new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:inventory"] = $"Data Source={Path.Combine(components, "inventory.db")}",
        }, http2: true);
        host.Cart = await ServiceHost<CartProgram>.StartAsync(host._runtime, "cart", [components], quiet, http2: true);
        var sandboxPort = FreePort.Next();
        host.Payments = await ServiceHost<PaymentsProgram>.StartAsync(host._runtime, "payments", [components], new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:payments"] = $"Data Source={Path.Combine(components, "payments.db")}",
            ["Payments:Stripe:SandboxUrl"] = $"http://127.0.0.1:{sandboxPort}",
        }, http2: true);
        host.Sandbox = SandboxHost.Start($"{host.Payments.Sidecar.HttpEndpoint.ToString().TrimEnd('/')}/v1.0/invoke/payments/method/webhooks/stripe", sandboxPort);
        if (orderingInProcess)
        {
            var settings = new Dictionary<string, string?>(quiet)
            {
                ["ConnectionStrings:ordering"] = $"Data Source={host.OrderingDatabase}",
                // A first checkout on a cold host (JIT, the workflow worker connecting) may take longer than a warm one.
                ["Ordering:Checkout:PlacementWait"] = "00:00:30",
            };
            foreach (var (key, value) in orderingSettings ?? new Dictionary<string, string?>()) settings[key] = value;
            host.Ordering = await ServiceHost<OrderingProgram>.StartAsync(host._runtime, "ordering", [components], settings, http2: true);
            host.OrderingAddress = host.Ordering.Address;
        }
        else
        {
            host.OrderingSidecar = await host._runtime.StartSidecarAsync(new SidecarOptions
            {
                AppId = "ordering",
                AppPort = FreePort.Next(),
                AppProtocol = "h2c",
                ResourcesPaths = [components],
                EnableAppHealthCheck = true,
                AppHealthProbeInterval = TimeSpan.FromMilliseconds(200),
            });
            host.OrderingAddress = new Uri($"http://127.0.0.1:{host.OrderingSidecar.Options.AppPort}");
        }

        var pubSub = host.Payments.Sidecar.Components.Find<IPubSub>(DaprComponents.PubSub, "payments")!;
        host.Events = await EventCollector.StartAsync(pubSub,
            [IntegrationEvent.Topic<OrderStatusChanged>(), IntegrationEvent.Topic<OrderPaid>(), IntegrationEvent.Topic<PaymentSucceeded>(),
                IntegrationEvent.Topic<RefundSucceeded>()]);
        host.Inventory = new InventoryClient(GrpcChannel.ForAddress(host.InventoryService.Address));
        host.Stripe = host.Sandbox.CreateStripeClient();
        host.PaymentsHttp = host.Payments.CreateHttpClient();
        // Only ordering may call /api/payments: the test reads payments as ordering's sidecar would call it.
        host.PaymentsHttp.DefaultRequestHeaders.Add(DaprSidecar.CallerAppIdHeader, "ordering");
        return host;
    }

    /// <summary>A shoe the catalog sells at <paramref name="priceMinor"/> with <paramref name="stock"/> units in inventory.</summary>
    public async Task<string> StockedShoeAsync(int stock = 10, long priceMinor = 10_000)
    {
        var sku = Catalog.NewShoe(priceMinor);
        if (stock > 0)
        {
            await Inventory.AdjustAsync(new AdjustRequest { Sku = sku, Location = "main", Delta = stock, Reason = "received" },
                new Metadata { { "Authorization", $"Bearer {StaffToken}" } });
        }
        return sku;
    }

    public async Task<SkuAvailability> AvailabilityAsync(string sku)
    {
        var answer = await Inventory.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { sku } });
        return answer.Items.Single();
    }

    /// <summary>A browser: one cookie jar for cart and ordering (same host), signed in when <paramref name="userId"/> is given.</summary>
    public Customer NewCustomer(Guid? userId = null, string? email = null)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (userId is { } id) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Identity.IssueToken(id.ToString(), email: email));
        return new Customer(this, http, userId);
    }

    /// <summary>A code of <paramref name="percentOff"/>% off everything, usable <paramref name="totalUsageLimit"/> times, created by a merchandiser at cart.</summary>
    public async Task<string> PromotionCodeAsync(int totalUsageLimit, int percentOff = 10)
    {
        var code = $"O{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        using var staff = PromotionStaff();
        using var created = await staff.PostAsJsonAsync("/api/promotions", new
        {
            code,
            description = "checkout test",
            percentOff,
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            endsAt = DateTimeOffset.UtcNow.AddDays(1),
            totalUsageLimit,
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return code;
    }

    /// <summary>The code's uses as cart's staff API reports them: paid, and held by open orders.</summary>
    public async Task<(int TimesUsed, int TimesReserved)> PromotionUsesAsync(string code)
    {
        using var staff = PromotionStaff();
        var promotion = await staff.GetFromJsonAsync<JsonElement>($"/api/promotions/{code}");
        return (promotion.GetProperty("timesUsed").GetInt32(), promotion.GetProperty("timesReserved").GetInt32());
    }

    private HttpClient PromotionStaff()
    {
        var http = Cart.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Identity.IssueToken($"{Guid.NewGuid()}", [Permissions.PromotionsManage], ["merchandiser"]));
        return http;
    }

    /// <summary>The payment of <paramref name="orderId"/> as payments reports it.</summary>
    public async Task<JsonElement> PaymentAsync(Guid orderId) => await PaymentsHttp.GetFromJsonAsync<JsonElement>($"/api/payments/{orderId}");

    public IEnumerable<ReceivedEvent> EventsOf<TEvent>(Guid orderId) where TEvent : IntegrationEvent =>
        Events.Received.Where(e => e.Type == IntegrationEvent.CloudEventType<TEvent>() && e.Data.GetProperty("orderId").GetGuid() == orderId);

    public async ValueTask DisposeAsync()
    {
        PaymentsHttp.Dispose();
        await Events.DisposeAsync();
        if (Ordering is not null) await Ordering.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Payments.DisposeAsync();
        await Cart.DisposeAsync();
        await InventoryService.DisposeAsync();
        await Catalog.DisposeAsync();
        await Identity.DisposeAsync();
        await _runtime.DisposeAsync();
        Directory.Delete(Components, recursive: true);
    }
}

/// <summary>One checkout host shared by the test classes of <see cref="CheckoutCollection"/>; tests keep apart by their own SKUs, customers and orders.</summary>
public sealed class CheckoutFixture : IAsyncLifetime
{
    public CheckoutHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await CheckoutHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class CheckoutCollection : ICollectionFixture<CheckoutFixture>
{
    public const string Name = "checkout";
}
