using System.Net.Http.Headers;
using LocalDapr;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Catalog.Apis;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.Search;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Catalog.Tests.Infrastructure;

/// <summary>
/// The real catalog (its Program on Kestrel) beside a local sidecar, with identity stood in by
/// <see cref="TestIdentity"/>, in-memory pub/sub and the flash-sale cron binding firing every second.
/// </summary>
public abstract class CatalogHost : IAsyncLifetime
{
    private readonly string _components = Directory.CreateTempSubdirectory("catalog-tests-").FullName;
    private TestIdentity _identity = null!;

    protected abstract string Provider { get; }

    protected virtual bool Seed => false;

    public LocalDaprRuntime Runtime { get; } = LocalDaprRuntime.Create();

    public ServiceHost<Program> Service { get; private set; } = null!;

    /// <summary>Anonymous: what the storefront sends.</summary>
    public HttpClient Reader { get; private set; } = null!;

    /// <summary>Carries a token with catalog:write.</summary>
    public HttpClient Writer { get; private set; } = null!;

    /// <summary>The user <see cref="Writer"/>'s token names (<c>sub</c>).</summary>
    public Guid WriterUserId { get; } = Guid.CreateVersion7();

    /// <summary>Carries a valid token without catalog:write.</summary>
    public HttpClient Customer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_components, "pubsub.yaml"), TestComponents.InMemoryPubSub);
        await File.WriteAllTextAsync(Path.Combine(_components, "pubsub-broadcast.yaml"), TestComponents.InMemoryBroadcastPubSub);
        await File.WriteAllTextAsync(Path.Combine(_components, "flash-sale-schedule.yaml"), TestComponents.EverySecond(FlashSaleScheduleApi.ScheduleBinding, "catalog"));
        _identity = await TestIdentity.StartAsync(Runtime, [_components]);
        var connectionString = Provider == "postgres"
            ? await PostgresServer.CreateDatabaseAsync("catalog")
            : $"Data Source={Path.Combine(_components, "catalog.db")}";
        Service = await ServiceHost<Program>.StartAsync(Runtime, "catalog", [_components], new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider,
            ["Database:Seed"] = Seed ? "true" : "false",
            ["ConnectionStrings:catalog"] = connectionString,
        });
        Reader = Service.CreateHttpClient();
        Writer = Service.CreateHttpClient();
        Writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            _identity.IssueToken(WriterUserId.ToString(), permissions: [Permissions.CatalogWrite], roles: ["staff"], lifetime: TimeSpan.FromHours(1)));
        Customer = Service.CreateHttpClient();
        Customer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            _identity.IssueToken("customer-1", lifetime: TimeSpan.FromHours(1)));
    }

    public async Task DisposeAsync()
    {
        Reader.Dispose();
        Writer.Dispose();
        Customer.Dispose();
        await Service.DisposeAsync();
        await _identity.DisposeAsync();
        await Runtime.DisposeAsync();
        Directory.Delete(_components, recursive: true);
    }

    /// <summary>Runs <paramref name="query"/> on the service's own database (a fresh scope).</summary>
    public async Task<T> QueryAsync<T>(Func<CatalogDbContext, Task<T>> query)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CatalogDbContext>());
    }

    public SearchIndex Index => Service.Services.GetRequiredService<SearchIndex>();

    public Task<int> CountAsync<TEntity>() where TEntity : class => QueryAsync(db => db.Set<TEntity>().CountAsync());
}
