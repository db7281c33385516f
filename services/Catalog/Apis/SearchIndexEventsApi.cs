using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Catalog.Search;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Catalog;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>
/// The catalog's own events, which every replica receives (<see cref="DaprComponents.BroadcastPubSub"/>: a consumer
/// group per pod), so each replica's in-memory search index follows the writes another replica committed. The replica
/// that wrote refreshes once more, which the updater coalesces.
/// </summary>
public static class SearchIndexEventsApi
{
    public const string ProductChangedRoute = "/events/catalog/product-changed";
    public const string FlashSaleStartedRoute = "/events/catalog/flash-sale-started";
    public const string FlashSaleEndedRoute = "/events/catalog/flash-sale-ended";

    public static IEndpointRouteBuilder MapSearchIndexEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(ProductChangedRoute, ProductChangedAsync)
            .WithTopic(DaprComponents.BroadcastPubSub, IntegrationEvent.Topic<ProductChanged>()).ExcludeFromDescription();
        app.MapPost(FlashSaleStartedRoute, FlashSaleChanged)
            .WithTopic(DaprComponents.BroadcastPubSub, IntegrationEvent.Topic<FlashSaleStarted>()).ExcludeFromDescription();
        app.MapPost(FlashSaleEndedRoute, FlashSaleChanged)
            .WithTopic(DaprComponents.BroadcastPubSub, IntegrationEvent.Topic<FlashSaleEnded>()).ExcludeFromDescription();
        return app;
    }

    public static async Task<Ok<DeliveryStatus>> ProductChangedAsync(HttpRequest request, SearchIndexUpdater index, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (message, unreadable) = await TopicDelivery.ReadAsync<ProductChanged>(request, cancellationToken);
        if (message is null || message.ProductId == Guid.Empty)
            return TopicDelivery.Drop(Logger(loggers), IntegrationEvent.CloudEventType<ProductChanged>(), "productId", unreadable ?? "is missing");
        index.ProductChanged(message.ProductId);
        return TopicDelivery.Success;
    }

    /// <summary>A sale's start or end reprices its products everywhere: a full rebuild, as the schedule does on the replica that ran it.</summary>
    public static Ok<DeliveryStatus> FlashSaleChanged(SearchIndexUpdater index)
    {
        index.EverythingChanged();
        return TopicDelivery.Success;
    }

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(SearchIndexEventsApi).FullName!);
}
