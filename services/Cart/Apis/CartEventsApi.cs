using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Cart.CatalogPrices;
using SpaceOfSport.Cart.Promotions;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Contracts.Events.Ordering;

namespace SpaceOfSport.Cart.Apis;

/// <summary>
/// What the sidecar calls: the abandonment cron binding and the subscriptions (catalog changes drop cached prices,
/// identity's user-deleted erases the cart, ordering's order-paid confirms the order's promotion use).
/// </summary>
public static partial class CartEventsApi
{
    /// <summary>The Dapr cron input binding (components/*/cart-abandonment-schedule.yaml); Dapr POSTs to /&lt;name&gt;.</summary>
    public const string AbandonmentBinding = "cart-abandonment-schedule";

    public static IEndpointRouteBuilder MapCartEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods($"/{AbandonmentBinding}", [HttpMethods.Options], () => TypedResults.Ok()).ExcludeFromDescription();
        app.MapPost($"/{AbandonmentBinding}", async (AbandonmentSweep sweep, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { abandoned = await sweep.RunAsync(cancellationToken) })).ExcludeFromDescription();

        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CartEventsApi).FullName!);

        Subscribe<PriceChanged>(app, "/events/catalog/price-changed", logger, (message, services, _) =>
        {
            services.GetRequiredService<CatalogClient>().Forget([message.Sku]);
            return Task.CompletedTask;
        });
        Subscribe<ProductChanged>(app, "/events/catalog/product-changed", logger, (message, services, _) =>
        {
            services.GetRequiredService<CatalogClient>().Forget(message.Skus ?? []);
            return Task.CompletedTask;
        });
        Subscribe<FlashSaleStarted>(app, "/events/catalog/flash-sale-started", logger, (_, services, _) =>
        {
            services.GetRequiredService<CatalogClient>().ForgetAll();
            return Task.CompletedTask;
        });
        Subscribe<FlashSaleEnded>(app, "/events/catalog/flash-sale-ended", logger, (_, services, _) =>
        {
            services.GetRequiredService<CatalogClient>().ForgetAll();
            return Task.CompletedTask;
        });
        Subscribe<UserDeleted>(app, "/events/identity/user-deleted", logger, (message, services, cancellationToken) =>
            services.GetRequiredService<CartService>().EraseAsync(message.UserId, cancellationToken));
        Subscribe<OrderPaid>(app, "/events/ordering/order-paid", logger, async (message, services, cancellationToken) =>
        {
            var store = services.GetRequiredService<PromotionStore>();
            // The use the order reserved at placement is confirmed (once, by order id); a code it did not reserve, or
            // whose reservation was released before the payment landed, is counted by this event's id.
            var reservation = await store.GetReservationAsync(message.OrderId, cancellationToken);
            foreach (var code in (message.PromotionCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(Promotion.Normalize).Distinct())
            {
                if (reservation?.Code == code && (await store.ConfirmAsync(message.OrderId, cancellationToken)).Reservation is not null) continue;
                await store.RedeemAsync(message.Id, code, message.UserId, cancellationToken);
            }
        });
        return app;
    }

    /// <summary>
    /// One subscription: a malformed event is dropped (redelivery cannot fix it), a state store or sidecar failure
    /// asks for redelivery, anything handled answers SUCCESS.
    /// </summary>
    private static void Subscribe<TEvent>(IEndpointRouteBuilder app, string route, ILogger logger, Func<TEvent, IServiceProvider, CancellationToken, Task> handle)
        where TEvent : IntegrationEvent
    {
        var type = IntegrationEvent.CloudEventType<TEvent>();
        app.MapPost(route, async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var (message, unreadable) = await TopicDelivery.ReadAsync<TEvent>(request, cancellationToken);
            if (message is null) return TopicDelivery.Drop(logger, type, "body", unreadable!);
            try
            {
                await handle(message, request.HttpContext.RequestServices, cancellationToken);
                return TopicDelivery.Success;
            }
            catch (DependencyUnavailableException exception)
            {
                LogRetry(logger, exception, type, message.Id);
                return TopicDelivery.Retry;
            }
        }).WithTopic(DaprComponents.PubSub, IntegrationEvent.Topic<TEvent>()).ExcludeFromDescription();
    }

    [LoggerMessage(LogLevel.Warning, "Handling {EventType} {EventId} failed; asking for redelivery")]
    private static partial void LogRetry(ILogger logger, Exception exception, string eventType, Guid eventId);
}
