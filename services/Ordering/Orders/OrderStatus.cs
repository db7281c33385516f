namespace SpaceOfSport.Ordering.Orders;

/// <summary>
/// Where an order is in its life: pending → awaiting payment → paid → fulfilling → shipped → delivered, or cancelled
/// (<see cref="OrderTransitions"/> says which moves are allowed).
/// </summary>
public enum OrderStatus
{
    Pending,
    AwaitingPayment,
    Paid,
    Fulfilling,
    Shipped,
    Delivered,
    Cancelled,
}
