using SpaceOfSport.BuildingBlocks.Data;
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
        builder.AddServiceDatabase<CatalogDbContext, SqliteCatalogDbContext, PostgresCatalogDbContext>("catalog");
        builder.Services.AddSingleton(builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions());
        builder.Services.AddOutbox<CatalogDbContext>();
        builder.Services.AddOpenApi();
        builder.AddJwtAuthentication();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SearchIndex>();
        builder.Services.AddSingleton<StockLevels>();
        builder.Services.AddScoped<StockLevelStore>();
        builder.Services.AddSingleton<SearchIndexUpdater>();
        builder.Services.AddScoped<FlashSaleSchedule>();
        builder.Services.AddScoped<FlashSaleStock>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SearchIndexUpdater>());
        builder.Services.AddCatalogGraphQL(builder.Environment.IsDevelopment());
        return builder;
    }

    /// <summary>Migrates, seeds an empty database (when enabled) and builds the search index before serving.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await app.MigrateDatabaseAsync<CatalogDbContext>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (options.Seed) await CatalogSeeder.SeedIfEmptyAsync(db, options.SeedProducts);
        await scope.ServiceProvider.GetRequiredService<StockLevelStore>().LoadAsync(CancellationToken.None);
        await app.Services.GetRequiredService<SearchIndexUpdater>().RebuildAsync(CancellationToken.None);
    }
}
