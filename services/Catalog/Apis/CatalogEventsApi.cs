using System.Data.Common;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Catalog.Stock;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Inventory;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>
/// What the sidecar calls: the flash-sale cron binding and inventory's stock-changed subscription (answered with a
/// <see cref="TopicDelivery"/> status: a malformed event is dropped, a database failure retried).
/// </summary>
public static partial class CatalogEventsApi
{
    /// <summary>The Dapr cron input binding (components/flash-sale-schedule.yaml); Dapr POSTs to /&lt;binding name&gt;.</summary>
    public const string ScheduleBinding = "flash-sale-schedule";

    private static readonly string StockChangedType = IntegrationEvent.CloudEventType<StockChanged>();

    public static IEndpointRouteBuilder MapCatalogEventsApi(this IEndpointRouteBuilder app)
    {
        // https://docs.dapr.io/reference/components-reference/supported-bindings/cron/: the sidecar checks the route with
        // OPTIONS at start, then POSTs each time the schedule fires.
        app.MapMethods($"/{ScheduleBinding}", [HttpMethods.Options], () => TypedResults.Ok()).ExcludeFromDescription();
        app.MapPost($"/{ScheduleBinding}", async (FlashSaleSchedule schedule, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { transitions = await schedule.RunAsync(cancellationToken) })).ExcludeFromDescription();

        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CatalogEventsApi).FullName!);
        app.MapPost("/events/inventory/stock-changed", async (HttpRequest request, StockLevelStore stock, CancellationToken cancellationToken) =>
        {
            var (message, unreadable) = await TopicDelivery.ReadAsync<StockChanged>(request, cancellationToken);
            if (message is null) return TopicDelivery.Drop(logger, StockChangedType, "body", unreadable!);
            if (string.IsNullOrWhiteSpace(message.Sku) || message.Sku.Length > StockLevel.MaxSkuLength)
                return TopicDelivery.Drop(logger, StockChangedType, "sku", $"must be 1 to {StockLevel.MaxSkuLength} characters");
            try
            {
                await stock.RecordAsync(message.Sku, message.TotalAvailable, message.OccurredAt, cancellationToken);
                return TopicDelivery.Success;
            }
            catch (Exception exception) when (exception is DbException)
            {
                LogRetry(logger, exception, message.Sku);
                return TopicDelivery.Retry;
            }
        }).WithTopic(DaprComponents.PubSub, IntegrationEvent.Topic<StockChanged>()).ExcludeFromDescription();
        return app;
    }

    [LoggerMessage(LogLevel.Warning, "Recording the stock of {Sku} failed; asking for redelivery")]
    private static partial void LogRetry(ILogger logger, Exception exception, string sku);
}
