namespace SpaceOfSport.Ordering.Orders;

/// <summary>The order lifecycle's allowed moves; anything else is refused (409 at the API).</summary>
public static class OrderTransitions
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.Pending] = [OrderStatus.AwaitingPayment, OrderStatus.Cancelled],
        [OrderStatus.AwaitingPayment] = [OrderStatus.Paid, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Fulfilling, OrderStatus.Cancelled],
        [OrderStatus.Fulfilling] = [OrderStatus.Shipped, OrderStatus.Cancelled],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [],
        [OrderStatus.Cancelled] = [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    /// <summary>Whether the customer may still cancel: anything before the parcel leaves.</summary>
    public static bool CustomerMayCancel(OrderStatus status) => CanMove(status, OrderStatus.Cancelled);

    /// <summary>The status as events and URLs spell it: <c>awaiting-payment</c>.</summary>
    public static string Kebab(OrderStatus status) => status switch
    {
        OrderStatus.AwaitingPayment => "awaiting-payment",
        _ => status.ToString().ToLowerInvariant(),
    };
}
