using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Inventory.Data;
using SpaceOfSport.Inventory.Reservations;
using SpaceOfSport.Inventory.Stock;

namespace SpaceOfSport.Inventory;

public static class Extensions
{
    public const string DefaultAppPort = "5102";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // App protocol h2c: cleartext HTTP/2 on APP_PORT (gRPC and the binding callback alike). An explicit Listen (the
        // test host's) overrides these URLs.
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.UseUrls($"http://0.0.0.0:{builder.Configuration["APP_PORT"] ?? DefaultAppPort}");
            web.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
                listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        }

        // Staff methods require identity's inventory:adjust permission (policies named after permissions).
        builder.AddJwtAuthentication();
        services.AddGrpc();
        services.AddGrpcHealthChecks().AddCheck("inventory", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        services.AddGrpcReflection();

        builder.AddInventoryDatabase();
        services.AddOutbox<InventoryDbContext>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<StockService>();
        services.AddOptions<OpeningStockOptions>().Bind(builder.Configuration.GetSection(OpeningStockOptions.Section));
        services.AddScoped<SkuRegistrar>();
        services.AddScoped<ReservationService>();
        services.AddScoped<ReservationQueries>();
    }

    /// <summary><c>Database:Provider</c> = sqlite (default, <c>.data/inventory.db</c>) or postgres; <c>ConnectionStrings:inventory</c>.</summary>
    private static void AddInventoryDatabase(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? "sqlite";
        var connectionString = builder.Configuration.GetConnectionString("inventory");
        switch (provider.ToLowerInvariant())
        {
            case "postgres":
                if (string.IsNullOrWhiteSpace(connectionString)) throw new InvalidOperationException("ConnectionStrings:inventory is required with Database:Provider=postgres");
                builder.Services.AddDbContext<InventoryDbContext, PostgresInventoryDbContext>((sp, options) =>
                    options.UseNpgsql(connectionString).UseOutbox(sp));
                break;
            case "sqlite":
                var sqlite = new SqliteConnectionStringBuilder(connectionString ?? "Data Source=.data/inventory.db");
                if (Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { } folder) Directory.CreateDirectory(folder);
                builder.Services.AddDbContext<InventoryDbContext, SqliteInventoryDbContext>((sp, options) =>
                    options.UseSqlite(sqlite.ConnectionString).UseOutbox(sp));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported (sqlite or postgres)");
        }
    }

    /// <summary>Applies the provider's migrations; SQLite switches to WAL so readers don't wait for the writer.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}
