using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Ordering.Data;

namespace SpaceOfSport.Ordering.Orders;

/// <summary>
/// The one way an order changes status: checks the move is allowed, records it in the timeline and writes
/// <see cref="OrderStatusChanged"/> to the outbox, all saved by the caller's next <c>SaveChanges</c> (one transaction,
/// guarded by the order's <see cref="Order.Version"/>). Delivery, returns and staff moves use it as the checkout does.
/// </summary>
public sealed class OrderLifecycle(TimeProvider clock)
{
    /// <summary>Moves <paramref name="order"/> to <paramref name="to"/>; false (nothing changed) when the lifecycle forbids it.</summary>
    public bool TryMove(OrderingDbContext db, Order order, OrderStatus to, string? reason = null)
    {
        if (!OrderTransitions.CanMove(order.Status, to)) return false;
        var from = order.Status;
        order.Status = to;
        Record(db, order, from, reason);
        return true;
    }

    /// <summary>Cancels <paramref name="order"/> with its reason (and the short SKUs, or that it was refunded); false when it may no longer be.</summary>
    public bool TryCancel(OrderingDbContext db, Order order, string reason, IEnumerable<string> shortSkus, bool refunded)
    {
        if (!TryMove(db, order, OrderStatus.Cancelled, reason)) return false;
        order.CancellationReason = reason;
        order.ShortSkus = [.. shortSkus];
        order.Refunded |= refunded;
        return true;
    }

    /// <summary>The first status of a new order (pending), its timeline's first entry and event.</summary>
    public void Start(OrderingDbContext db, Order order)
    {
        order.Status = OrderStatus.Pending;
        Record(db, order, null, null);
    }

    private void Record(OrderingDbContext db, Order order, OrderStatus? from, string? reason)
    {
        var now = clock.GetUtcNow();
        order.Version++;
        order.UpdatedAt = now;
        var entry = new OrderStatusEntry { OrderId = order.Id, Sequence = order.Version, Status = order.Status, Reason = reason, OccurredAt = now };
        order.Timeline.Add(entry);
        db.AddIntegrationEvent(new OrderStatusChanged
        {
            OrderId = order.Id,
            OrderNumber = order.Number,
            UserId = order.UserId,
            PreviousStatus = from is { } previous ? OrderTransitions.Kebab(previous) : null,
            Status = OrderTransitions.Kebab(order.Status),
            Reason = reason,
            Sequence = order.Version,
            OccurredAt = now,
        });
    }
}
