using SpaceOfSport.Inventory.Reservations;

namespace SpaceOfSport.Inventory.Apis;

public static class InventoryApi
{
    /// <summary>The Dapr cron input binding that sweeps expired reservations (components/*/reservation-sweep-schedule.yaml).</summary>
    public const string SweepBinding = "reservation-sweep-schedule";

    public static WebApplication MapInventoryApi(this WebApplication app)
    {
        // An input binding delivers each tick as POST /<binding name> (https://docs.dapr.io/reference/components-reference/supported-bindings/cron/).
        app.MapPost($"/{SweepBinding}", async (ReservationService reservations, CancellationToken cancellationToken) =>
        {
            var expired = await reservations.ExpireDueAsync(cancellationToken);
            return TypedResults.Ok(new { expired });
        });
        return app;
    }
}
