using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Ordering.Data;
using SpaceOfSport.Ordering.Delivery;
using SpaceOfSport.Ordering.Orders;
using SpaceOfSport.Ordering.Returns;

namespace SpaceOfSport.Ordering.GraphQL;

/// <summary>The per-request batches behind an order's lists: one query each for a whole page of orders, never one per order.</summary>
public sealed class OrderHistoryLoaders(OrderingDbContext db)
{
    public BatchLoader<Guid, IReadOnlyList<OrderLine>> Lines { get; } = new(async (ids, token) =>
        Group(await db.OrderLines.AsNoTracking().Where(l => ids.Contains(l.OrderId)).OrderBy(l => l.LineNumber).ToListAsync(token), l => l.OrderId), []);

    public BatchLoader<Guid, IReadOnlyList<Shipment>> Shipments { get; } = new(async (ids, token) =>
        Group(await db.Set<Shipment>().AsNoTracking().Where(s => ids.Contains(s.OrderId)).OrderBy(s => s.ShippedAt).ToListAsync(token), s => s.OrderId), []);

    public BatchLoader<Guid, IReadOnlyList<OrderStatusEntry>> Timeline { get; } = new(async (ids, token) =>
        Group(await db.OrderTimeline.AsNoTracking().Where(t => ids.Contains(t.OrderId)).OrderBy(t => t.Sequence).ToListAsync(token), t => t.OrderId), []);

    public BatchLoader<Guid, IReadOnlyList<OrderReturn>> Returns { get; } = new(async (ids, token) =>
        Group(await db.Set<OrderReturn>().AsNoTracking().Include(r => r.Lines).Where(r => ids.Contains(r.OrderId)).OrderBy(r => r.RequestedAt).ToListAsync(token), r => r.OrderId), []);

    private static IReadOnlyDictionary<Guid, IReadOnlyList<T>> Group<T>(List<T> rows, Func<T, Guid> orderId) =>
        rows.GroupBy(orderId).ToDictionary(g => g.Key, g => (IReadOnlyList<T>)[.. g]);
}
