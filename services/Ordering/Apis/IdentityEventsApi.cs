using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Ordering.Data;
using SpaceOfSport.Ordering.Privacy;

namespace SpaceOfSport.Ordering.Apis;

/// <summary>
/// Identity's <see cref="UserDeleted"/>: the user is recorded as erased and every order of theirs anonymised
/// (<see cref="OrderAnonymisation"/>), in one transaction. Redelivery runs it again and changes nothing more (or
/// catches an order saved meanwhile); orders saved later are caught by <see cref="ErasedUsersOrderGuard"/>.
/// </summary>
public static partial class IdentityEventsApi
{
    public const string UserDeletedRoute = "/events/identity/user-deleted";

    public static IEndpointRouteBuilder MapIdentityEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(UserDeletedRoute, UserDeletedAsync).WithTopic(DaprComponents.PubSub, IntegrationEvent.Topic<UserDeleted>()).ExcludeFromDescription();
        return app;
    }

    public static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<DeliveryStatus>> UserDeletedAsync(
        HttpRequest request, OrderingDbContext db, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(IdentityEventsApi).FullName!);
        var type = IntegrationEvent.CloudEventType<UserDeleted>();
        var (deleted, unreadable) = await TopicDelivery.ReadAsync<UserDeleted>(request, cancellationToken);
        if (deleted is null) return TopicDelivery.Drop(logger, type, "body", unreadable!);
        if (deleted.UserId == Guid.Empty) return TopicDelivery.Drop(logger, type, "userId", "is missing");
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await db.Set<ErasedUser>().AnyAsync(e => e.UserId == deleted.UserId, cancellationToken))
            {
                db.Set<ErasedUser>().Add(new ErasedUser { UserId = deleted.UserId, ErasedAt = clock.GetUtcNow() });
                await db.SaveChangesAsync(cancellationToken);
            }
            var anonymised = await db.AnonymiseOrdersAsync(deleted.UserId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogErased(logger, deleted.UserId, anonymised);
            return TopicDelivery.Success;
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // The same event handled by another delivery a moment earlier: run it again on the current state.
            return TopicDelivery.Retry;
        }
        catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException)
        {
            LogRetry(logger, exception, deleted.Id);
            return TopicDelivery.Retry;
        }
    }

    [LoggerMessage(LogLevel.Information, "User {UserId} erased: {Count} orders anonymised")]
    private static partial void LogErased(ILogger logger, Guid userId, int count);

    [LoggerMessage(LogLevel.Warning, "Handling user-deleted {EventId} failed; asking for redelivery")]
    private static partial void LogRetry(ILogger logger, Exception exception, Guid eventId);
}
