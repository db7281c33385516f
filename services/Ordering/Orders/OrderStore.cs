using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Ordering.Data;

namespace SpaceOfSport.Ordering.Orders;

/// <summary>
/// Changes one order in its own scope and transaction, again on the fresh row when a concurrent writer got there first
/// (the order's <see cref="Order.Version"/> is the concurrency token), for code that runs outside a request: workflow
/// activities, subscribers, and the other helpers' delivery and returns handlers.
/// </summary>
public sealed class OrderStore(IServiceScopeFactory scopes)
{
    private const int Attempts = 10;

    /// <summary>
    /// Loads the order (with its timeline tracked for new entries), lets <paramref name="change"/> edit it, and saves if it
    /// answered true. Returns the order after the change, or null when there is no such order.
    /// </summary>
    public Task<Order?> ChangeAsync(Guid orderId, Func<OrderingDbContext, Order, bool> change, CancellationToken cancellationToken) =>
        ChangeAsync(orderId, (db, order, _) => Task.FromResult(change(db, order)), cancellationToken);

    /// <summary>The same, for a change that reads more of the database (the order's shipments, returns) to decide.</summary>
    public async Task<Order?> ChangeAsync(Guid orderId, Func<OrderingDbContext, Order, CancellationToken, Task<bool>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
            var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            if (order is null) return null;
            if (!await change(db, order, cancellationToken)) return order;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return order;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Someone else changed the order meanwhile: decide again on what it is now.
            }
        }
    }

    public async Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        return await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Timeline).AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
    }
}
