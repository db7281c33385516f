using System.Net.Http.Headers;
using LocalDapr;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Catalog.Apis;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Catalog.Tests.Infrastructure;

/// <summary>
/// Two replicas of the real catalog on one database, each beside a sidecar of its own (pods "catalog-&lt;port&gt;"), with
/// the embedded profile's pub/sub: <c>pubsub</c> and <c>pubsub-broadcast</c> (one consumer group per pod) on one broker.
/// </summary>
public sealed class CatalogReplicas : IAsyncLifetime
{
    private readonly string _components = Directory.CreateTempSubdirectory("catalog-replicas-").FullName;
    private readonly List<HttpClient> _clients = [];
    private TestIdentity _identity = null!;

    public LocalDaprRuntime Runtime { get; } = LocalDaprRuntime.Create();

    public IReadOnlyList<ServiceHost<Program>> Replicas { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_components, "pubsub.yaml"), TestComponents.InMemoryPubSub);
        await File.WriteAllTextAsync(Path.Combine(_components, "pubsub-broadcast.yaml"), TestComponents.InMemoryBroadcastPubSub);
        await File.WriteAllTextAsync(Path.Combine(_components, "flash-sale-schedule.yaml"), TestComponents.EverySecond(FlashSaleScheduleApi.ScheduleBinding, "catalog"));
        _identity = await TestIdentity.StartAsync(Runtime, [_components]);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "sqlite",
            ["ConnectionStrings:catalog"] = $"Data Source={Path.Combine(_components, "catalog.db")}",
        };
        // One after the other: the first applies the migrations, as the first pod of a rollout would.
        var first = await ServiceHost<Program>.StartAsync(Runtime, "catalog", [_components], settings);
        var second = await ServiceHost<Program>.StartAsync(Runtime, "catalog", [_components], settings);
        Replicas = [first, second];
    }

    /// <summary>A client of one replica: anonymous, or carrying a token with catalog:write.</summary>
    public HttpClient Client(int replica, bool writer = false)
    {
        var client = Replicas[replica].CreateHttpClient();
        if (writer)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                _identity.IssueToken("staff-1", permissions: [Permissions.CatalogWrite], roles: ["staff"], lifetime: TimeSpan.FromHours(1)));
        }

        _clients.Add(client);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var replica in Replicas) await replica.DisposeAsync();
        await _identity.DisposeAsync();
        await Runtime.DisposeAsync();
        Directory.Delete(_components, recursive: true);
    }
}
