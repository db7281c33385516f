using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Inventory.Stock;

namespace SpaceOfSport.Inventory.Apis;

/// <summary>
/// The catalog's events inventory subscribes to: product-changed registers the product's SKUs
/// (<see cref="SkuRegistrar"/>). Each delivery is answered as Dapr expects
/// (https://docs.dapr.io/reference/api/pubsub_api/#expected-http-response): 200 with status SUCCESS (done, or nothing to
/// do), DROP (malformed: redelivering cannot fix it) or RETRY (the database failed: try again later). Never an error
/// status, which Dapr would retry like RETRY even for a payload that can never succeed.
/// </summary>
public static partial class CatalogEventsApi
{
    public const string PubSubName = "pubsub";

    public const string ProductChangedRoute = "/events/catalog/product-changed";

    /// <summary>Far more variants than a product has; bounds one event's transaction.</summary>
    public const int MaxSkusPerEvent = 1000;

    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public static WebApplication MapCatalogEventsApi(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CatalogEventsApi).FullName!);
        app.MapPost(ProductChangedRoute, async (HttpRequest request, SkuRegistrar registrar, CancellationToken cancellationToken) =>
        {
            ProductChanged? message;
            try
            {
                // Read by hand rather than bound: a binding failure would answer 400, which Dapr retries.
                message = await JsonSerializer.DeserializeAsync<ProductChanged>(request.Body, Json, cancellationToken);
            }
            catch (JsonException exception)
            {
                return Drop(logger, "body", exception.Message);
            }
            if (message is null) return Drop(logger, "body", "is null");
            if (Problem(message.Skus) is { } problem) return Drop(logger, problem.Field, problem.Detail);
            // The units of a deleted product's SKUs still exist physically: their stock stays as it is.
            if (message.Deleted) return Status("SUCCESS");

            try
            {
                var registered = await registrar.RegisterAsync(message.Skus, cancellationToken);
                LogRegistered(logger, registered.Count, message.Skus.Count, message.ProductId);
                return Status("SUCCESS");
            }
            catch (Exception exception) when (exception is DbException or DbUpdateException)
            {
                LogRetry(logger, exception, message.ProductId);
                return Status("RETRY");
            }
        }).WithTopic(PubSubName, IntegrationEvent.Topic<ProductChanged>());
        return app;
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

    private static IResult Drop(ILogger logger, string field, string detail)
    {
        LogDropped(logger, field, detail);
        return Status("DROP");
    }

    private static IResult Status(string status) => TypedResults.Ok(new { status });

    [LoggerMessage(LogLevel.Warning, "Dropped a malformed product-changed event: {Field}: {Detail}")]
    private static partial void LogDropped(ILogger logger, string field, string detail);

    [LoggerMessage(LogLevel.Debug, "Registered {Registered} of {Skus} SKUs of product {ProductId}")]
    private static partial void LogRegistered(ILogger logger, int registered, int skus, Guid productId);

    [LoggerMessage(LogLevel.Warning, "Registering the SKUs of product {ProductId} failed; asking for redelivery")]
    private static partial void LogRetry(ILogger logger, Exception exception, Guid productId);
}
