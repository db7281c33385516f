using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.GraphQL;

/// <summary>
/// An order's payment as ordering knows it (one Stripe PaymentIntent per order): what was asked, and where it stands
/// by the order's own life (<c>awaiting</c>, <c>succeeded</c>, <c>refunded</c>, <c>canceled</c>).
/// </summary>
public sealed record OrderPayment(string? PaymentIntentId, Money Amount, string Status)
{
    public static IReadOnlyList<OrderPayment> Of(Order order) => order.PaymentIntentId is null
        ? []
        : [new(order.PaymentIntentId, new Money(order.TotalMinor, order.Currency), order switch
        {
            { Refunded: true } => "refunded",
            { Status: OrderStatus.Pending or OrderStatus.AwaitingPayment } => "awaiting",
            { Status: OrderStatus.Cancelled } => "canceled",
            _ => "succeeded",
        })];
}
