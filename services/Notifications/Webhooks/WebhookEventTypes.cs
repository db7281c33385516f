using SpaceOfSport.Contracts;
using Inventory = SpaceOfSport.Contracts.Events.Inventory;
using Ordering = SpaceOfSport.Contracts.Events.Ordering;
using Payments = SpaceOfSport.Contracts.Events.Payments;

namespace SpaceOfSport.Notifications.Webhooks;

/// <summary>
/// The event types partners subscribe to: stable, partner-facing names (<c>order.paid</c>) for the shop's integration
/// events, so an internal rename never breaks an integrator.
/// </summary>
public static class WebhookEventTypes
{
    public const string OrderPaid = "order.paid";
    public const string OrderStatusChanged = "order.status-changed";
    public const string ReturnRequested = "return.requested";
    public const string RefundSucceeded = "refund.succeeded";
    public const string StockLow = "stock.low";

    public static IReadOnlyList<string> All { get; } = [OrderPaid, OrderStatusChanged, ReturnRequested, RefundSucceeded, StockLow];

    /// <summary>The partner-facing type of an integration event the shop forwards to partners.</summary>
    public static string Of(IntegrationEvent integrationEvent) => integrationEvent switch
    {
        Ordering.OrderPaid => OrderPaid,
        Ordering.OrderStatusChanged => OrderStatusChanged,
        Ordering.ReturnRequested => ReturnRequested,
        Payments.RefundSucceeded => RefundSucceeded,
        Inventory.LowStock => StockLow,
        _ => throw new ArgumentException($"{integrationEvent.GetType().Name} is not sent to partners", nameof(integrationEvent)),
    };
}
