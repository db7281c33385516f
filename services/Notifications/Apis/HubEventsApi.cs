using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Cart;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Notifications.Alerts;
using SpaceOfSport.Notifications.Push;
using SpaceOfSport.Notifications.Realtime;

namespace SpaceOfSport.Notifications.Apis;

/// <summary>
/// The events that feed the hub's channels, received on <see cref="DaprComponents.HubPubSub"/>: the same broker as
/// <c>pubsub</c>, with one consumer group per replica, so every replica hears every event and tells its own connections.
/// </summary>
public static class HubEventsApi
{
    public const string CartChangedType = "cart-changed";
    public const string StockChangedType = "stock-changed";
    public const string LowStockType = "low-stock";
    public const string BackInStockType = "back-in-stock";
    public const string FlashSaleStartedType = "flash-sale-started";
    public const string FlashSaleEndedType = "flash-sale-ended";
    public const string FlashSaleStockChangedType = "flash-sale-stock-changed";
    public const string FlashSaleSoldOutType = "flash-sale-sold-out";
    public const string OrderStatusChangedType = "order-status-changed";

    public static IEndpointRouteBuilder MapHubEventsApi(this IEndpointRouteBuilder app)
    {
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HubEventsApi).FullName!);

        Subscribe<CartChanged>(app, "/events/cart/cart-changed", logger, (e, services, cancellationToken) =>
            e.UserId is not { } user ? Task.CompletedTask
            : Publisher(services).PublishAsync(Channel.Cart(user), CartChangedType, e,
                new { e.CartId, e.Version, e.LineCount, e.TotalQuantity }, cancellationToken));

        Subscribe<OrderStatusChanged>(app, "/events/ordering/order-status-changed", logger, (e, services, cancellationToken) =>
            e.UserId is not { } user ? Task.CompletedTask
            : Publisher(services).PublishAsync(Channel.Orders(user), OrderStatusChangedType, e,
                new { e.OrderId, e.OrderNumber, e.PreviousStatus, e.Status, e.Reason, e.Sequence }, cancellationToken));

        Subscribe<StockChanged>(app, "/events/inventory/stock-changed", logger, (e, services, cancellationToken) =>
            Publisher(services).PublishAsync(Channel.Stock(e.Sku), StockChangedType, e, Stock(services, e.Sku, e.TotalAvailable), cancellationToken));
        Subscribe<LowStock>(app, "/events/inventory/low-stock", logger, (e, services, cancellationToken) =>
            Publisher(services).PublishAsync(Channel.Stock(e.Sku), LowStockType, e, new { e.Sku, Status = StockStatus.Low }, cancellationToken));
        Subscribe<BackInStock>(app, "/events/inventory/back-in-stock", logger, async (e, services, cancellationToken) =>
        {
            var publisher = Publisher(services);
            await publisher.PublishAsync(Channel.Stock(e.Sku), BackInStockType, e, Stock(services, e.Sku, e.TotalAvailable), cancellationToken);
            var alerts = services.GetRequiredService<AlertStore>();
            var recipients = await alerts.RecipientsAsync(e.Sku, e.Id, cancellationToken);
            foreach (var user in recipients)
                await publisher.PublishAsync(Channel.Notifications(user), BackInStockType, e, new { e.Sku, Available = e.TotalAvailable }, cancellationToken);
            await alerts.MarkNotifiedAsync(e.Sku, recipients, e.Id, e.OccurredAt, cancellationToken);
        });

        Subscribe<FlashSaleStarted>(app, "/events/catalog/flash-sale-started", logger, (e, services, cancellationToken) =>
            Publisher(services).PublishAsync(Channel.FlashSales, FlashSaleStartedType, e, new
            {
                e.FlashSaleId,
                e.Name,
                e.ProductIds,
                e.VariantIds,
                e.SalePriceMinor,
                e.PercentOff,
                e.PerCustomerLimit,
                e.StartsAt,
                e.EndsAt,
            }, cancellationToken));
        Subscribe<FlashSaleEnded>(app, "/events/catalog/flash-sale-ended", logger, (e, services, cancellationToken) =>
            Publisher(services).PublishAsync(Channel.FlashSales, FlashSaleEndedType, e, new { e.FlashSaleId, e.ProductIds, e.VariantIds, e.EndedAt }, cancellationToken));
        Subscribe<FlashSaleStockChanged>(app, "/events/catalog/flash-sale-stock-changed", logger, (e, services, cancellationToken) =>
            Publisher(services).PublishAsync(Channel.FlashSales, e.SoldOut ? FlashSaleSoldOutType : FlashSaleStockChangedType, e, new
            {
                e.FlashSaleId,
                Status = StatusOf(services, e.RemainingUnits),
                Remaining = Math.Max(0, e.RemainingUnits),
                e.AsOf,
            }, cancellationToken));

        // Customer messages for the push channel (sent by whichever replica handled the triggering event).
        Subscribe<PushRequested>(app, "/events/notifications/push-requested", logger, (e, services, cancellationToken) =>
            Publisher(services).PublishAsync(Channel.Notifications(e.UserId), PushSender.MessageType, e, new { e.Template, e.Title, e.Text, e.Link }, cancellationToken));
        return app;
    }

    private static ChannelPublisher Publisher(IServiceProvider services) => services.GetRequiredService<ChannelPublisher>();

    /// <summary>A product's stock as a channel says it.</summary>
    private static object Stock(IServiceProvider services, string sku, long available)
    {
        return new { Sku = sku, Status = StatusOf(services, available), Available = Math.Max(0, available) };
    }

    /// <summary>Out, low (below the exact-count threshold) or available.</summary>
    private static string StatusOf(IServiceProvider services, long units)
    {
        var threshold = services.GetRequiredService<IOptions<HubSettings>>().Value.ExactStockFrom;
        return units <= 0 ? StockStatus.Out : units < threshold ? StockStatus.Low : StockStatus.Available;
    }

    /// <summary>
    /// One subscription (<see cref="TopicSubscription"/>: malformed → DROP, a state store failure → RETRY, which the
    /// channel log makes idempotent) on the hub's pub/sub, where a stale event (older than
    /// <see cref="HubSettings.MaxEventAge"/>) is passed over.
    /// </summary>
    private static void Subscribe<TEvent>(IEndpointRouteBuilder app, string route, ILogger logger, Func<TEvent, IServiceProvider, CancellationToken, Task> handle)
        where TEvent : IntegrationEvent =>
        app.MapSubscription<TEvent>(DaprComponents.HubPubSub, route, logger, (message, services, cancellationToken) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            return now - message.OccurredAt > services.GetRequiredService<IOptions<HubSettings>>().Value.MaxEventAge
                ? Task.CompletedTask
                : handle(message, services, cancellationToken);
        });
}

/// <summary>A product's stock status on the hub's channels.</summary>
public static class StockStatus
{
    public const string Available = "available";
    public const string Low = "low";
    public const string Out = "out";
}
