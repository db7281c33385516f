using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.Catalog.FlashSales;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>
/// The flash-sale cron input binding (components/flash-sale-schedule.yaml): the sidecar POSTs to /&lt;binding name&gt;
/// each time the schedule fires, and <see cref="FlashSaleSchedule"/> applies the due transitions.
/// </summary>
public static class FlashSaleScheduleApi
{
    public const string ScheduleBinding = "flash-sale-schedule";

    public static IEndpointRouteBuilder MapFlashSaleScheduleApi(this IEndpointRouteBuilder app)
    {
        // https://docs.dapr.io/reference/components-reference/supported-bindings/cron/: the sidecar checks the route with
        // OPTIONS at start, then POSTs each time the schedule fires.
        app.MapMethods($"/{ScheduleBinding}", [HttpMethods.Options], AcceptBinding).ExcludeFromDescription();
        app.MapPost($"/{ScheduleBinding}", RunScheduleAsync).ExcludeFromDescription();
        return app;
    }

    public static Ok AcceptBinding() => TypedResults.Ok();

    public static async Task<Ok<ScheduleRun>> RunScheduleAsync(FlashSaleSchedule schedule, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ScheduleRun(await schedule.RunAsync(cancellationToken)));

    /// <summary>How many sales changed state in one run of the schedule.</summary>
    public sealed record ScheduleRun(int Transitions);
}
