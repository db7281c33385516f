using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Inventory.Data;
using SpaceOfSport.Inventory.Reservations;
using SpaceOfSport.Inventory.Stock;

namespace SpaceOfSport.Inventory;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // Staff methods require identity's inventory:adjust permission (policies named after permissions).
        builder.AddJwtAuthentication();
        services.AddGrpc();
        services.AddGrpcHealthChecks().AddCheck("inventory", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        services.AddGrpcReflection();
        services.AddOpenApi();

        builder.AddServiceDatabase<InventoryDbContext, SqliteInventoryDbContext, PostgresInventoryDbContext>("inventory");
        services.AddOutbox<InventoryDbContext>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<StockService>();
        services.AddOptions<OpeningStockOptions>().Bind(builder.Configuration.GetSection(OpeningStockOptions.Section));
        services.AddScoped<SkuRegistrar>();
        services.AddScoped<ReservationService>();
        services.AddScoped<ReservationQueries>();
    }
}
