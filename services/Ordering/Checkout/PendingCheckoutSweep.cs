using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Ordering.Data;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// At start-up, starts the checkout of every order stored before this process started whose workflow never started:
/// the process that placed it died between saving the order and scheduling its workflow, and no retry of the POST came
/// to do it. Orders placed after start-up are their own requests' business. Until the sidecar answers it tries again
/// (0.5 s doubling to 30 s).
/// </summary>
public sealed partial class PendingCheckoutSweep(
    IServiceScopeFactory scopes, CheckoutStarter starter, GuestCartOwners guestCarts, TimeProvider clock, ILogger<PendingCheckoutSweep> logger)
    : BackgroundService
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var startedAt = clock.GetUtcNow();
        var pause = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                var started = await SweepAsync(startedAt, stoppingToken);
                if (started > 0) LogStarted(started);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetrying(exception, pause);
                await Task.Delay(pause, clock, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    private async Task<int> SweepAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        List<Order> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
            pending = await db.Orders.Where(o => o.Status == OrderStatus.Pending && o.CreatedAt <= startedAt).ToListAsync(cancellationToken);
        }

        var started = 0;
        foreach (var order in pending)
        {
            // A guest's cart is known by the guest's cookie, which placement recorded for this moment.
            var cartOwner = order.UserId is null ? await guestCarts.FindAsync(order.Id, cancellationToken) : OrderPlacement.CartOwnerOf(order, guestCartToken: null);
            if (await starter.EnsureStartedAsync(order.Id, justCreated: false, cartOwner, cancellationToken)) started++;
        }
        return started;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Started the checkout of {Count} order(s) saved before a crash stopped their workflow from starting")]
    private partial void LogStarted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for orders whose checkout never started; trying again in {Pause}")]
    private partial void LogRetrying(Exception exception, TimeSpan pause);
}
