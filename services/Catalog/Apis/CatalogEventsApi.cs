using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>What the sidecar calls: the flash-sale cron binding and inventory's stock-changed subscription.</summary>
public static class CatalogEventsApi
{
    /// <summary>The Dapr cron input binding (components/flash-sale-schedule.yaml); Dapr POSTs to /&lt;binding name&gt;.</summary>
    public const string ScheduleBinding = "flash-sale-schedule";

    public const string PubSubName = "pubsub";

    /// <summary>The topic of inventory's <c>spaceofsport.inventory.stock-changed.v1</c> events.</summary>
    public const string StockChangedTopic = "inventory-stock-changed-v1";

    public static IEndpointRouteBuilder MapCatalogEventsApi(this IEndpointRouteBuilder app)
    {
        // https://docs.dapr.io/reference/components-reference/supported-bindings/cron/: the sidecar checks the route with
        // OPTIONS at start, then POSTs each time the schedule fires.
        app.MapMethods($"/{ScheduleBinding}", [HttpMethods.Options], () => TypedResults.Ok()).ExcludeFromDescription();
        app.MapPost($"/{ScheduleBinding}", async (FlashSaleSchedule schedule, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { transitions = await schedule.RunAsync(cancellationToken) })).ExcludeFromDescription();

        app.MapPost("/events/inventory/stock-changed", (StockChangedMessage message, StockLevels stock) =>
        {
            stock.Set(message.Sku, message.TotalAvailable, message.OccurredAt);
            return TypedResults.Ok();
        }).WithTopic(PubSubName, StockChangedTopic).ExcludeFromDescription();
        return app;
    }
}
