using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Catalog.GraphQL;
using SpaceOfSport.Catalog.Search;
using SpaceOfSport.Catalog.Seed;
using SpaceOfSport.Catalog.Stock;

namespace SpaceOfSport.Catalog;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(database);
        var connectionString = builder.Configuration.GetConnectionString("catalog");
        if (string.Equals(database.Provider, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddDbContext<CatalogDbContext, PostgresCatalogDbContext>((provider, options) => options.UseOutbox(provider).UseNpgsql(
                connectionString ?? throw new InvalidOperationException("ConnectionStrings:catalog is required with Database:Provider=postgres")));
        }
        else
        {
            if (connectionString is null)
            {
                Directory.CreateDirectory(".data");
                connectionString = "Data Source=.data/catalog.db";
            }

            builder.Services.AddDbContext<CatalogDbContext, SqliteCatalogDbContext>((provider, options) => options.UseOutbox(provider).UseSqlite(connectionString));
        }

        builder.Services.AddOutbox<CatalogDbContext>();
        builder.Services.AddOpenApi();
        builder.AddJwtAuthentication();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SearchIndex>();
        builder.Services.AddSingleton<StockLevels>();
        builder.Services.AddScoped<StockLevelStore>();
        builder.Services.AddSingleton<SearchIndexUpdater>();
        builder.Services.AddScoped<FlashSaleSchedule>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SearchIndexUpdater>());
        builder.Services.AddCatalogGraphQL(builder.Environment.IsDevelopment());
        return builder;
    }

    /// <summary>Migrates, seeds an empty database (when enabled) and builds the search index before serving.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (options.Seed) await CatalogSeeder.SeedIfEmptyAsync(db, options.SeedProducts);
        await scope.ServiceProvider.GetRequiredService<StockLevelStore>().LoadAsync(CancellationToken.None);
        await app.Services.GetRequiredService<SearchIndexUpdater>().RebuildAsync(CancellationToken.None);
    }
}
