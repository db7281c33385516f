using Grpc.Core;
using Grpc.Net.Client;
using LocalDapr;
using LocalDapr.PubSub;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Inventory.Apis;
using SpaceOfSport.Inventory.Data;
using SpaceOfSport.TestSupport;
using InventoryClient = SpaceOfSport.Contracts.Inventory.V1.Inventory.InventoryClient;
using InventoryProgram = Program;

namespace SpaceOfSport.Inventory.Tests.Infrastructure;

/// <summary>
/// The real inventory service (h2c) on one database provider, with its own local runtime and an embedded-like
/// component folder: in-memory pubsub and the sweep's cron binding ticking every second. Opening stock is on, as in
/// the embedded profile, unless the settings say otherwise.
/// </summary>
public sealed class InventoryHost : IAsyncDisposable
{
    private readonly LocalDaprRuntime _runtime;
    private readonly ServiceHost<InventoryProgram> _service;
    private readonly TestIdentity _identity;

    private InventoryHost(LocalDaprRuntime runtime, TestIdentity identity, ServiceHost<InventoryProgram> service, EventCollector events, string connectionString)
    {
        _runtime = runtime;
        ConnectionString = connectionString;
        _identity = identity;
        _service = service;
        Events = events;
        Client = ClientWithToken(identity.IssueToken("staff-1", [Permissions.InventoryAdjust], ["staff"]));
    }

    /// <summary>A client whose calls carry a staff token (inventory:adjust); staff-only methods need it, others ignore it.</summary>
    public InventoryClient Client { get; }

    /// <summary>A client whose calls carry <paramref name="token"/> as a bearer token (null: none).</summary>
    public InventoryClient ClientWithToken(string? token) => new(GrpcChannel.ForAddress(_service.Address, new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            if (token is not null) metadata.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        })),
        // Cleartext h2c to the app, as its sidecar would call it.
        UnsafeUseInsecureChannelCallCredentials = true,
    }));

    public TestIdentity Identity => _identity;

    public EventCollector Events { get; }

    public ServiceHost<InventoryProgram> Service => _service;

    /// <summary>The service's database (ConnectionStrings:inventory).</summary>
    public string ConnectionString { get; }

    /// <summary>Runs <paramref name="query"/> on a fresh scope of the service's own database context.</summary>
    public async Task<T> QueryAsync<T>(Func<InventoryDbContext, Task<T>> query)
    {
        await using var scope = _service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<InventoryDbContext>());
    }

    /// <summary>With <paramref name="appApiToken"/>, inventory is reached only through its sidecar, as the launcher runs it.</summary>
    public static async Task<InventoryHost> StartAsync(string provider, IReadOnlyDictionary<string, string?>? settings = null, string? appApiToken = null)
    {
        var components = await TestComponents.CreateFolderAsync("inventory-components",
            TestComponents.InMemoryPubSub, TestComponents.EverySecond(InventoryApi.SweepBinding, "inventory"));

        var runtime = LocalDaprRuntime.Create();
        var identity = await TestIdentity.StartAsync(runtime, [components]);
        var connectionString = await TestDatabases.CreateAsync(provider, "inventory");
        var serviceSettings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:inventory"] = connectionString,
            ["Inventory:OpeningStock:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) serviceSettings[key] = value;
        var service = await ServiceHost<InventoryProgram>.StartAsync(runtime, "inventory", [components], serviceSettings, http2: true, appApiToken: appApiToken);
        var pubSub = service.Sidecar.Components.Find<IPubSub>(DaprComponents.PubSub, "inventory")!;
        var events = await EventCollector.StartAsync(pubSub,
            [IntegrationEvent.Topic<StockChanged>(), IntegrationEvent.Topic<LowStock>(), IntegrationEvent.Topic<BackInStock>()]);
        return new InventoryHost(runtime, identity, service, events, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        await _service.DisposeAsync();
        await _identity.DisposeAsync();
        await _runtime.DisposeAsync();
    }
}
