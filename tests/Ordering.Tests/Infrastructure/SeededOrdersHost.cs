extern alias ordering;
using System.Net.Http.Headers;
using System.Text.Json;
using DeliveryPartnerSimulator;
using LocalDapr;
using LocalDapr.PubSub;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.TestSupport;
using Order = ordering::SpaceOfSport.Ordering.Orders.Order;
using OrderingDbContext = ordering::SpaceOfSport.Ordering.Data.OrderingDbContext;
using OrderingProgram = ordering::Program;
using OrderLine = ordering::SpaceOfSport.Ordering.Orders.OrderLine;
using OrderStatus = ordering::SpaceOfSport.Ordering.Orders.OrderStatus;
using OrderStatusEntry = ordering::SpaceOfSport.Ordering.Orders.OrderStatusEntry;
using SqliteOrderingDbContext = ordering::SpaceOfSport.Ordering.Data.SqliteOrderingDbContext;

namespace SpaceOfSport.Ordering.Tests.Infrastructure;

/// <summary>
/// Ordering alone beside its sidecar (identity stood in; the partners' webhook secret in the secret store), with orders
/// written straight into its database at the status a test needs, so delivery, history and privacy tests need no
/// checkout. Everything the tests then do goes through ordering's public HTTP and GraphQL APIs.
/// </summary>
public sealed class SeededOrdersHost : IAsyncLifetime
{
    public const string WebhookSecret = "whsec_dGVzdC1vbmx5LWRlbGl2ZXJ5LXBhcnRuZXItc2VjcmV0IQ==";

    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private readonly string _components = Directory.CreateTempSubdirectory("ordering-seeded-").FullName;

    public TestIdentity Identity { get; private set; } = null!;

    public ServiceHost<OrderingProgram> Service { get; private set; } = null!;

    public EventCollector Events { get; private set; } = null!;

    /// <summary>Ordering's own address, as the sidecar (and the gateway through it) reaches it.</summary>
    public HttpClient Http { get; private set; } = null!;

    public DeliveryPartner Partner { get; } = new(WebhookSecret);

    /// <summary>Counts the SQL commands ordering sends about orders (the outbox's own polling left out).</summary>
    public SqlCommandCounter Sql { get; } = new();

    public async Task InitializeAsync()
    {
        var secrets = Path.Combine(_components, "secrets.json");
        await File.WriteAllTextAsync(secrets, JsonSerializer.Serialize(new { delivery = new { webhookSecret = WebhookSecret } }));
        await File.WriteAllTextAsync(Path.Combine(_components, "pubsub.yaml"), TestComponents.InMemoryPubSub);
        await File.WriteAllTextAsync(Path.Combine(_components, "statestore.yaml"), TestComponents.SqliteStateStore(Path.Combine(_components, "state.db")));
        await File.WriteAllTextAsync(Path.Combine(_components, "actorstore.yaml"), TestComponents.SqliteActorStore(Path.Combine(_components, "actors.db")));
        await File.WriteAllTextAsync(Path.Combine(_components, "secretstore.yaml"), TestComponents.LocalFileSecretStore(secrets));
        Identity = await TestIdentity.StartAsync(_runtime, [_components]);
        Service = await ServiceHost<OrderingProgram>.StartAsync(_runtime, "ordering", [_components], new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["ConnectionStrings:ordering"] = $"Data Source={Path.Combine(_components, "ordering.db")}",
        }, http2: true, configure: web => web.ConfigureServices(services => services.AddSqlCommandCounter<SqliteOrderingDbContext>(Sql)));
        Http = Service.CreateHttpClient();
        var pubSub = Service.Sidecar.Components.Find<IPubSub>(DaprComponents.PubSub, "ordering")!;
        Events = await EventCollector.StartAsync(pubSub, [IntegrationEvent.Topic<OrderStatusChanged>(), IntegrationEvent.Topic<OrderShipped>(), IntegrationEvent.Topic<OrderDelivered>()]);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Events.DisposeAsync();
        await Service.DisposeAsync();
        await Identity.DisposeAsync();
        await _runtime.DisposeAsync();
        Directory.Delete(_components, recursive: true);
    }

    /// <summary>An order of <paramref name="userId"/> (a new customer by default) at <paramref name="status"/>, placed <paramref name="placedAt"/>.</summary>
    public async Task<Order> SeedOrderAsync(OrderStatus status = OrderStatus.Fulfilling, Guid? userId = null, DateTimeOffset? placedAt = null, int lines = 2, string? email = null)
    {
        var id = Guid.CreateVersion7();
        var at = placedAt ?? DateTimeOffset.UtcNow;
        var order = new Order
        {
            Id = id,
            Number = $"SOS-2026-{Random.Shared.Next(100_000, 999_999)}",
            UserId = userId ?? Guid.CreateVersion7(),
            Email = email ?? $"{id:N}@example.test",
            Status = status,
            Currency = "EUR",
            SubtotalMinor = lines * 10_000,
            ShippingMinor = 495,
            TaxMinor = lines * 1_597,
            TotalMinor = lines * 10_000 + 495,
            PricesIncludeTax = true,
            ShippingMethod = "standard",
            Country = "DE",
            PostalCode = "10115",
            RequestFingerprint = id.ToString("N"),
            PaymentIntentId = $"pi_{id:N}",
            CreatedAt = at,
            UpdatedAt = at,
            Version = 1,
            Lines = [.. Enumerable.Range(1, lines).Select(n => new OrderLine
            {
                OrderId = id, LineNumber = n, Sku = $"SHOE-{n}-42", ProductName = $"Runner {n}", Size = "42", Colour = "black", Quantity = 1,
                UnitPriceMinor = 10_000, CartUnitPriceMinor = 10_000, TaxMinor = 1_597, LineTotalMinor = 10_000, TaxCategory = "standard",
            })],
            Timeline = [new OrderStatusEntry { OrderId = id, Sequence = 1, Status = status, OccurredAt = at }],
        };
        await using var scope = Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    /// <summary>Reads <paramref name="query"/> from ordering's own database in a fresh scope.</summary>
    public async Task<T> QueryAsync<T>(Func<OrderingDbContext, Task<T>> query)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OrderingDbContext>());
    }

    /// <summary>A client signed in as <paramref name="userId"/>, with <paramref name="permissions"/>.</summary>
    public HttpClient As(Guid userId, params string[] permissions)
    {
        var client = Service.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Identity.IssueToken(userId.ToString(), permissions: permissions, roles: permissions.Length > 0 ? ["staff"] : ["customer"], lifetime: TimeSpan.FromHours(1)));
        return client;
    }

    public HttpClient Staff() => As(Guid.CreateVersion7(), Permissions.OrdersReadAll, Permissions.OrdersManage, Permissions.ReturnsManage);
}
