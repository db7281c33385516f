using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;

namespace SpaceOfSport.BuildingBlocks.Data;

/// <summary>
/// A service's relational database on one of the two providers (docs/decisions/0003-two-database-providers.md):
/// <c>Database:Provider</c> = <c>sqlite</c> (the default: a file under <c>.data/</c>) or <c>postgres</c>, with the
/// connection string <c>ConnectionStrings:&lt;service&gt;</c>. Each provider has its own context subclass and migrations.
/// </summary>
public static class ServiceDatabase
{
    public const string ProviderSetting = "Database:Provider";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary>
    /// Registers <typeparamref name="TContext"/> as the provider's subclass. An unknown provider, or PostgreSQL without a
    /// connection string, stops the start with an error naming the setting. A service that adds the outbox
    /// (<see cref="OutboxServiceCollectionExtensions.AddOutbox{TDbContext}"/>) gets its interceptor on the context.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqliteContext, TPostgresContext>(this IHostApplicationBuilder builder, string service)
        where TContext : DbContext
        where TSqliteContext : TContext
        where TPostgresContext : TContext
    {
        var provider = builder.Configuration[ProviderSetting] ?? Sqlite;
        var connectionString = builder.Configuration.GetConnectionString(service);
        switch (provider.ToLowerInvariant())
        {
            case Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException($"ConnectionStrings:{service} is required with {ProviderSetting}={Postgres}");
                builder.Services.AddDbContext<TContext, TPostgresContext>((services, options) => WithOutbox(options.UseNpgsql(connectionString), services));
                break;
            case Sqlite:
                var sqlite = new SqliteConnectionStringBuilder(connectionString ?? $"Data Source=.data/{service}.db");
                if (Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { } folder) Directory.CreateDirectory(folder);
                builder.Services.AddDbContext<TContext, TSqliteContext>((services, options) => WithOutbox(options.UseSqlite(sqlite.ConnectionString), services));
                break;
            default:
                throw new InvalidOperationException($"{ProviderSetting} '{provider}' is not supported: use {Sqlite} or {Postgres}");
        }
        return builder;
    }

    /// <summary>
    /// Before the first request: applies the provider's pending migrations; on SQLite also switches the file to WAL, so
    /// readers never wait for the writer (the mode is stored in the file).
    /// </summary>
    public static async Task MigrateDatabaseAsync<TContext>(this IHost app, CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>A context outside dependency injection (design-time tools, tests): the provider's subclass on <paramref name="connectionString"/>.</summary>
    public static TContext CreateContext<TContext, TSqliteContext, TPostgresContext>(string provider, string connectionString)
        where TContext : DbContext
        where TSqliteContext : TContext
        where TPostgresContext : TContext => provider.ToLowerInvariant() switch
        {
            Sqlite => Create<TSqliteContext>(new DbContextOptionsBuilder<TSqliteContext>().UseSqlite(connectionString).Options),
            Postgres => Create<TPostgresContext>(new DbContextOptionsBuilder<TPostgresContext>().UseNpgsql(connectionString).Options),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, $"{Sqlite} or {Postgres}"),
        };

    /// <summary>A context subclass takes its typed options as its one constructor argument, as EF Core's own conventions expect.</summary>
    internal static TContext Create<TContext>(DbContextOptions<TContext> options)
        where TContext : DbContext =>
        (TContext)(Activator.CreateInstance(typeof(TContext), options)
            ?? throw new InvalidOperationException($"{typeof(TContext).Name} needs a constructor taking DbContextOptions<{typeof(TContext).Name}>"));

    private static void WithOutbox(DbContextOptionsBuilder options, IServiceProvider services)
    {
        if (services.GetService<OutboxSaveChangesInterceptor>() is { } outbox) options.AddInterceptors(outbox);
    }
}
