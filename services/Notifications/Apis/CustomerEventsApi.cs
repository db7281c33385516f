using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Cart;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Notifications.Alerts;
using SpaceOfSport.Notifications.Customers;
using SpaceOfSport.Notifications.Marketing;
using SpaceOfSport.Notifications.Messages;
using SpaceOfSport.Notifications.Templates;
using SpaceOfSport.Notifications.Webhooks;

namespace SpaceOfSport.Notifications.Apis;

/// <summary>
/// The events that become customer messages, received on <see cref="DaprComponents.PubSub"/> (one replica handles
/// each event, unlike the hub's): each turns into a <see cref="Notification"/> per customer concerned, sent once per
/// event, customer and channel.
/// </summary>
public static class CustomerEventsApi
{
    public static class Templates
    {
        public const string OrderConfirmed = "order-confirmed";
        public const string PaymentFailed = "payment-failed";
        public const string OrderShipped = "order-shipped";
        public const string OrderDelivered = "order-delivered";
        public const string ReturnApproved = "return-approved";
        public const string ReturnRefunded = "return-refunded";
        public const string BackInStock = "back-in-stock";
        public const string FlashSale = "flash-sale";
        public const string CartReminder = "cart-reminder";
        public const string PasswordChanged = "password-changed";
        public const string AccountDeleted = "account-deleted";
    }

    public static IEndpointRouteBuilder MapCustomerEventsApi(this IEndpointRouteBuilder app)
    {
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CustomerEventsApi).FullName!);

        // Partners subscribe to this topic too: one subscription per topic, so it queues their webhooks first.
        Subscribe<OrderStatusChanged>(app, "/events/ordering/order-status-changed/customers", logger, async (e, services, cancellationToken) =>
        {
            await services.GetRequiredService<PartnerEventQueue>().EnqueueAsync(e, cancellationToken);
            return await (e switch
            {
                { UserId: { } user, Status: "paid" } => Order(e, user, Templates.OrderConfirmed, e.OrderId, e.OrderNumber),
                { UserId: { } user, Status: "cancelled", Reason: "payment-failed" } => One(new Notification(e.Id, user, Templates.PaymentFailed, Model(("orderNumber", e.OrderNumber)), "/")),
                _ => None,
            });
        });
        Subscribe<OrderShipped>(app, "/events/ordering/order-shipped", logger, (e, _, _) => e.UserId is not { } user ? None : One(new Notification(
            e.Id, user, Templates.OrderShipped, Model(("orderNumber", e.OrderNumber), ("carrier", e.Carrier), ("trackingNumber", e.TrackingNumber)),
            e.TrackingUrl ?? OrderPath(e.OrderId))));
        Subscribe<OrderDelivered>(app, "/events/ordering/order-delivered", logger, (e, _, _) =>
            e.UserId is not { } user ? None : Order(e, user, Templates.OrderDelivered, e.OrderId, e.OrderNumber));
        Subscribe<ReturnApproved>(app, "/events/ordering/return-approved", logger, (e, _, _) =>
            e.UserId is not { } user ? None : One(new Notification(e.Id, user, Templates.ReturnApproved, Model(), ReturnPath(e.ReturnId))));
        Subscribe<ReturnRefunded>(app, "/events/ordering/return-refunded", logger, (e, _, _) => e.UserId is not { } user ? None : One(new Notification(
            e.Id, user, Templates.ReturnRefunded, Model(("amount", new MoneyAmount(e.AmountMinor, e.Currency))), ReturnPath(e.ReturnId))));

        Subscribe<BackInStock>(app, "/events/inventory/back-in-stock/customers", logger, async (e, services, cancellationToken) =>
        {
            // Those waiting, and those the hub (on another subscription) already marked as told by this very event.
            var watchers = await services.GetRequiredService<AlertStore>().RecipientsAsync(e.Sku, e.Id, cancellationToken);
            return [.. watchers.Select(user => new Notification(e.Id, user, Templates.BackInStock,
                Model(("sku", e.Sku), ("available", e.TotalAvailable)), $"/search?q={Uri.EscapeDataString(e.Sku)}"))];
        });
        Subscribe<FlashSaleStarted>(app, "/events/catalog/flash-sale-started/customers", logger, async (e, services, cancellationToken) =>
        {
            var members = await services.GetRequiredService<MarketingLists>().MembersAsync(MarketingList.FlashSales, cancellationToken);
            return [.. members.Select(user => new Notification(e.Id, user, Templates.FlashSale,
                Model(("saleName", e.Name), ("endsAt", e.EndsAt)), "/flash-sales", MarketingList.FlashSales))];
        });
        Subscribe<CartAbandoned>(app, "/events/cart/cart-abandoned", logger, (e, _, _) => e.UserId is not { } user ? None : One(new Notification(
            e.Id, user, Templates.CartReminder, Model(("items", e.Lines.Sum(l => l.Quantity))), "/cart", MarketingList.CartReminders)));

        Subscribe<UserPasswordChanged>(app, "/events/identity/user-password-changed", logger, (e, _, _) =>
            One(new Notification(e.Id, e.UserId, Templates.PasswordChanged, Model(), "/account")));
        Subscribe<UserDeleted>(app, "/events/identity/user-deleted", logger, async (e, services, cancellationToken) =>
        {
            // Identity no longer knows the customer: the goodbye goes to the address the event carries, by email only.
            var lists = services.GetRequiredService<MarketingLists>();
            foreach (var list in MarketingList.All) await lists.LeaveAsync(list, e.UserId, cancellationToken);
            return e.Email is not { } email ? [] : [new Notification(e.Id, e.UserId, Templates.AccountDeleted, Model(), "/",
                Contact: new CustomerContact(e.UserId, email, e.Name, null, e.Locale, new ChannelPreferences(Email: true, Sms: false, Push: false)))];
        });
        return app;
    }

    private static Task<IReadOnlyList<Notification>> None { get; } = Task.FromResult<IReadOnlyList<Notification>>([]);

    private static Task<IReadOnlyList<Notification>> One(Notification notification) => Task.FromResult<IReadOnlyList<Notification>>([notification]);

    private static Task<IReadOnlyList<Notification>> Order(IntegrationEvent e, Guid user, string template, Guid orderId, string orderNumber) =>
        One(new Notification(e.Id, user, template, Model(("orderNumber", orderNumber)), OrderPath(orderId)));

    private static string OrderPath(Guid orderId) => $"/account/orders/{orderId:D}";

    private static string ReturnPath(Guid returnId) => $"/account/returns/{returnId:D}";

    private static Dictionary<string, object?> Model(params (string Key, object? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>
    /// One subscription (<see cref="TopicSubscription"/>): every customer concerned is notified, and a dependency that
    /// failed for any of them (identity, the state store, a binding) asks for redelivery, which sends only what did not
    /// go out yet.
    /// </summary>
    private static void Subscribe<TEvent>(IEndpointRouteBuilder app, string route, ILogger logger,
        Func<TEvent, IServiceProvider, CancellationToken, Task<IReadOnlyList<Notification>>> notifications)
        where TEvent : IntegrationEvent =>
        app.MapSubscription<TEvent>(DaprComponents.PubSub, route, logger, async (message, services, cancellationToken) =>
        {
            var dispatcher = services.GetRequiredService<NotificationDispatcher>();
            DependencyUnavailableException? retry = null;
            foreach (var notification in await notifications(message, services, cancellationToken))
            {
                try
                {
                    await dispatcher.DispatchAsync(notification, cancellationToken);
                }
                catch (DependencyUnavailableException exception)
                {
                    retry = exception; // the other customers still get theirs now
                }
            }
            if (retry is not null) throw retry;
        });
}
