using SpaceOfSport.Ordering.Delivery;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Returns;

/// <summary>
/// The business rules of returns (README, "Returns and exchanges"): the 30-day window from delivery, what a returned unit
/// pays back, and when the order's shipping is refunded too.
/// </summary>
public static class ReturnRules
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>When the order's parcel was delivered: its latest delivered parcel, else the timeline's delivered step.</summary>
    public static DateTimeOffset? DeliveredAt(Order order, IEnumerable<Shipment> shipments, IEnumerable<OrderStatusEntry> timeline) =>
        shipments.Where(s => s.ReturnId is null && s.DeliveredAt is not null).Max(s => s.DeliveredAt)
        ?? timeline.Where(t => t.Status == OrderStatus.Delivered).Select(t => (DateTimeOffset?)t.OccurredAt).Max();

    /// <summary>
    /// What <paramref name="quantity"/> units of <paramref name="line"/> paid, after <paramref name="alreadyReturned"/>
    /// units were returned before: the line's price after its discount, tax included (added when prices exclude it), shared
    /// out so that all units together pay back exactly what the line cost (the last units take the rounding remainder).
    /// </summary>
    public static long UnitsRefund(Order order, OrderLine line, int quantity, int alreadyReturned)
    {
        var paid = line.LineTotalMinor - line.DiscountMinor + (order.PricesIncludeTax ? 0 : line.TaxMinor);
        long Share(int units) => paid * units / line.Quantity;
        return Share(alreadyReturned + quantity) - Share(alreadyReturned);
    }

    /// <summary>
    /// The order's shipping comes back with a return whose reason is the shop's fault (defective, wrong item, not as
    /// described), or with the return that sends back (for money) the last unit of the order; once at most.
    /// </summary>
    public static long ShippingRefund(Order order, IEnumerable<OrderReturnLine> lines, bool everyUnitReturned, bool shippingRefundedBefore) =>
        shippingRefundedBefore ? 0
        : everyUnitReturned || lines.Any(l => l.ExchangeSku is null && ReturnReasons.OurFault.Contains(l.Reason)) ? order.ShippingMinor
        : 0;
}
