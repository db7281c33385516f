using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Catalog.Stock;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Inventory;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>What the sidecar calls: the flash-sale cron binding and inventory's stock-changed subscription.</summary>
public static class CatalogEventsApi
{
    /// <summary>The Dapr cron input binding (components/flash-sale-schedule.yaml); Dapr POSTs to /&lt;binding name&gt;.</summary>
    public const string ScheduleBinding = "flash-sale-schedule";

    public const string PubSubName = "pubsub";

    public static IEndpointRouteBuilder MapCatalogEventsApi(this IEndpointRouteBuilder app)
    {
        // https://docs.dapr.io/reference/components-reference/supported-bindings/cron/: the sidecar checks the route with
        // OPTIONS at start, then POSTs each time the schedule fires.
        app.MapMethods($"/{ScheduleBinding}", [HttpMethods.Options], () => TypedResults.Ok()).ExcludeFromDescription();
        app.MapPost($"/{ScheduleBinding}", async (FlashSaleSchedule schedule, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { transitions = await schedule.RunAsync(cancellationToken) })).ExcludeFromDescription();

        app.MapPost("/events/inventory/stock-changed", async (StockChanged message, StockLevelStore stock, CancellationToken cancellationToken) =>
        {
            await stock.RecordAsync(message.Sku, message.TotalAvailable, message.OccurredAt, cancellationToken);
            return TypedResults.Ok();
        }).WithTopic(PubSubName, IntegrationEvent.Topic<StockChanged>()).ExcludeFromDescription();
        return app;
    }
}
