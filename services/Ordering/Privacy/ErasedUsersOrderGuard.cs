using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SpaceOfSport.Ordering.Data;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Privacy;

/// <summary>
/// A new order saved for a user already erased (placed with a token issued before the deletion, while the user-deleted
/// event was being handled) is anonymised right after it is saved, in a scope of its own. Only saves that add orders
/// cost a lookup.
/// </summary>
public sealed class ErasedUsersOrderGuard(IServiceScopeFactory scopes) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Guid>> _newOrdersOf = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var users = context.ChangeTracker.Entries<Order>().Where(e => e.State == EntityState.Added && e.Entity.UserId is not null)
                .Select(e => e.Entity.UserId!.Value).Distinct().ToList();
            if (users.Count > 0) _newOrdersOf.AddOrUpdate(context, users);
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || !_newOrdersOf.TryGetValue(context, out var users)) return result;
        _newOrdersOf.Remove(context);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        foreach (var erased in await db.Set<ErasedUser>().Where(e => users.Contains(e.UserId)).Select(e => e.UserId).ToListAsync(cancellationToken))
            await db.AnonymiseOrdersAsync(erased, cancellationToken);
        return result;
    }
}
