using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Inventory.Stock;

namespace SpaceOfSport.Inventory.Apis;

/// <summary>
/// The catalog's events inventory subscribes to: product-changed registers the product's SKUs
/// (<see cref="SkuRegistrar"/>). Each delivery is answered with a <see cref="TopicDelivery"/> status: SUCCESS, DROP for a
/// malformed event, RETRY when the database failed.
/// </summary>
public static partial class CatalogEventsApi
{
    public const string ProductChangedRoute = "/events/catalog/product-changed";

    /// <summary>Far more variants than a product has; bounds one event's transaction.</summary>
    public const int MaxSkusPerEvent = 1000;

    private static readonly string EventType = IntegrationEvent.CloudEventType<ProductChanged>();

    public static WebApplication MapCatalogEventsApi(this WebApplication app)
    {
        app.MapPost(ProductChangedRoute, RegisterProductSkusAsync).WithTopic(DaprComponents.PubSub, IntegrationEvent.Topic<ProductChanged>())
            .WithName("RegisterProductSkus").WithSummary("catalog-product-changed delivery: register the product's SKUs inventory has not seen");
        return app;
    }

    public static async Task<Ok<DeliveryStatus>> RegisterProductSkusAsync(
        HttpRequest request, SkuRegistrar registrar, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(CatalogEventsApi).FullName!);
        var (message, unreadable) = await TopicDelivery.ReadAsync<ProductChanged>(request, cancellationToken);
        if (message is null) return TopicDelivery.Drop(logger, EventType, "body", unreadable!);
        if (Problem(message.Skus) is { } problem) return TopicDelivery.Drop(logger, EventType, problem.Field, problem.Detail);
        // The units of a deleted product's SKUs still exist physically: their stock stays as it is.
        if (message.Deleted) return TopicDelivery.Success;

        try
        {
            var registered = await registrar.RegisterAsync(message.Skus, cancellationToken);
            LogRegistered(logger, registered.Count, message.Skus.Count, message.ProductId);
            return TopicDelivery.Success;
        }
        catch (Exception exception) when (exception is DbException or DbUpdateException)
        {
            LogRetry(logger, exception, message.ProductId);
            return TopicDelivery.Retry;
        }
    }

    /// <summary>The first thing wrong with the event's SKUs (field and detail), or null.</summary>
    private static (string Field, string Detail)? Problem(IReadOnlyList<string>? skus)
    {
        if (skus is null) return ("skus", "is required");
        if (skus.Count > MaxSkusPerEvent) return ("skus", $"at most {MaxSkusPerEvent} SKUs per event");
        for (var i = 0; i < skus.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(skus[i])) return ($"skus[{i}]", "is required");
            if (skus[i].Length > StockItem.MaxKeyLength) return ($"skus[{i}]", $"must be at most {StockItem.MaxKeyLength} characters");
        }
        return null;
    }

    [LoggerMessage(LogLevel.Debug, "Registered {Registered} of {Skus} SKUs of product {ProductId}")]
    private static partial void LogRegistered(ILogger logger, int registered, int skus, Guid productId);

    [LoggerMessage(LogLevel.Warning, "Registering the SKUs of product {ProductId} failed; asking for redelivery")]
    private static partial void LogRetry(ILogger logger, Exception exception, Guid productId);
}
