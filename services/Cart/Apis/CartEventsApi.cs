using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Cart.CatalogPrices;
using SpaceOfSport.Cart.Promotions;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Contracts.Events.Ordering;

namespace SpaceOfSport.Cart.Apis;

/// <summary>
/// What the sidecar calls: the abandonment cron binding and the subscriptions (catalog changes drop cached prices,
/// identity's user-deleted erases the cart, ordering's order-paid confirms the order's promotion use).
/// </summary>
public static class CartEventsApi
{
    /// <summary>The Dapr cron input binding (components/*/cart-abandonment-schedule.yaml); Dapr POSTs to /&lt;name&gt;.</summary>
    public const string AbandonmentBinding = "cart-abandonment-schedule";

    public static IEndpointRouteBuilder MapCartEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods($"/{AbandonmentBinding}", [HttpMethods.Options], () => TypedResults.Ok()).ExcludeFromDescription();
        app.MapPost($"/{AbandonmentBinding}", async (AbandonmentSweep sweep, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { abandoned = await sweep.RunAsync(cancellationToken) })).ExcludeFromDescription();

        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CartEventsApi).FullName!);

        app.MapSubscription<PriceChanged>(DaprComponents.PubSub, "/events/catalog/price-changed", logger, (message, services, _) =>
        {
            services.GetRequiredService<CatalogClient>().Forget([message.Sku]);
            return Task.CompletedTask;
        });
        app.MapSubscription<ProductChanged>(DaprComponents.PubSub, "/events/catalog/product-changed", logger, (message, services, _) =>
        {
            services.GetRequiredService<CatalogClient>().Forget(message.Skus ?? []);
            return Task.CompletedTask;
        });
        app.MapSubscription<FlashSaleStarted>(DaprComponents.PubSub, "/events/catalog/flash-sale-started", logger, (_, services, _) =>
        {
            services.GetRequiredService<CatalogClient>().ForgetAll();
            return Task.CompletedTask;
        });
        app.MapSubscription<FlashSaleEnded>(DaprComponents.PubSub, "/events/catalog/flash-sale-ended", logger, (_, services, _) =>
        {
            services.GetRequiredService<CatalogClient>().ForgetAll();
            return Task.CompletedTask;
        });
        app.MapSubscription<UserDeleted>(DaprComponents.PubSub, "/events/identity/user-deleted", logger, (message, services, cancellationToken) =>
            services.GetRequiredService<CartService>().EraseAsync(message.UserId, cancellationToken));
        app.MapSubscription<OrderPaid>(DaprComponents.PubSub, "/events/ordering/order-paid", logger, async (message, services, cancellationToken) =>
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
}
