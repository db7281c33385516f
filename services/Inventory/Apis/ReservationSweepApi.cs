using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.Inventory.Reservations;

namespace SpaceOfSport.Inventory.Apis;

public static class InventoryApi
{
    /// <summary>The Dapr cron input binding that sweeps expired reservations (components/*/reservation-sweep-schedule.yaml).</summary>
    public const string SweepBinding = "reservation-sweep-schedule";

    public static WebApplication MapInventoryApi(this WebApplication app)
    {
        // An input binding delivers each tick as POST /<binding name> (https://docs.dapr.io/reference/components-reference/supported-bindings/cron/).
        app.MapPost($"/{SweepBinding}", SweepExpiredReservationsAsync)
            .WithName("SweepExpiredReservations").WithSummary("Cron binding tick: release the stock of reservations past their expiry");
        return app;
    }

    public static async Task<Ok<SweepResult>> SweepExpiredReservationsAsync(ReservationService reservations, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SweepResult(await reservations.ExpireDueAsync(cancellationToken)));
}

/// <summary>How many reservations one sweep expired.</summary>
public sealed record SweepResult(int Expired);
