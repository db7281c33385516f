using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Catalog.Stock;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Inventory;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>
/// Inventory's events the catalog subscribes to: stock-changed keeps the in-stock levels (<see cref="StockLevelStore"/>).
/// Every replica receives each one (<see cref="DaprComponents.BroadcastPubSub"/>), as each mirrors the levels in memory;
/// the table's upsert ignores a report older than the one it holds, so the replicas' repeated writes agree. A second
/// subscription on <see cref="DaprComponents.PubSub"/> (one replica per event) announces the units left of the running
/// flash sales that cover the SKU (<see cref="FlashSaleStock"/>), so each figure is published once, not once per replica.
/// Each delivery is answered with a <see cref="TopicDelivery"/> status: a malformed event is dropped, a database failure
/// retried.
/// </summary>
public static partial class InventoryEventsApi
{
    public const string StockChangedRoute = "/events/inventory/stock-changed";
    public const string FlashSaleStockRoute = "/events/inventory/stock-changed/flash-sales";

    private static readonly string StockChangedType = IntegrationEvent.CloudEventType<StockChanged>();

    public static IEndpointRouteBuilder MapInventoryEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(StockChangedRoute, StockChangedAsync)
            .WithTopic(DaprComponents.BroadcastPubSub, IntegrationEvent.Topic<StockChanged>()).ExcludeFromDescription();
        app.MapPost(FlashSaleStockRoute, FlashSaleStockAsync)
            .WithTopic(DaprComponents.PubSub, IntegrationEvent.Topic<StockChanged>()).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Stores the report first (this replica's broadcast delivery may not have come yet), then announces the units left of
    /// every running flash sale covering the SKU. A redelivery announces the same figure again, which the hub shows alike.
    /// </summary>
    public static async Task<Ok<DeliveryStatus>> FlashSaleStockAsync(
        HttpRequest request, StockLevelStore stock, FlashSaleStock sales, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(InventoryEventsApi).FullName!);
        var (message, unreadable) = await TopicDelivery.ReadAsync<StockChanged>(request, cancellationToken);
        if (message is null) return TopicDelivery.Drop(logger, StockChangedType, "body", unreadable!);
        if (string.IsNullOrWhiteSpace(message.Sku) || message.Sku.Length > StockLevel.MaxSkuLength)
            return TopicDelivery.Drop(logger, StockChangedType, "sku", $"must be 1 to {StockLevel.MaxSkuLength} characters");
        try
        {
            await stock.RecordAsync(message.Sku, message.TotalAvailable, message.OccurredAt, cancellationToken);
            await sales.AnnounceAsync(message.Sku, cancellationToken);
            return TopicDelivery.Success;
        }
        catch (Exception exception) when (exception is DbException)
        {
            LogRetry(logger, exception, message.Sku);
            return TopicDelivery.Retry;
        }
    }

    public static async Task<Ok<DeliveryStatus>> StockChangedAsync(HttpRequest request, StockLevelStore stock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(InventoryEventsApi).FullName!);
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
    }

    [LoggerMessage(LogLevel.Warning, "Recording the stock of {Sku} failed; asking for redelivery")]
    private static partial void LogRetry(ILogger logger, Exception exception, string sku);
}
