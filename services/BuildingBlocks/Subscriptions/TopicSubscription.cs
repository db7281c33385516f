using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.Contracts;

namespace SpaceOfSport.BuildingBlocks.Subscriptions;

/// <summary>
/// One subscription as every service writes it: the route Dapr delivers an event's topic to, the event read from the
/// body (a malformed one is dropped: redelivery cannot fix it), handled, and answered SUCCESS, or RETRY when a
/// dependency did not answer (<see cref="DependencyUnavailableException"/>).
/// </summary>
public static partial class TopicSubscription
{
    /// <summary>Subscribes <paramref name="handle"/> to <typeparamref name="TEvent"/>'s topic; the event is done (SUCCESS) when it returns.</summary>
    public static RouteHandlerBuilder MapSubscription<TEvent>(this IEndpointRouteBuilder app, string pubSubName, string route, ILogger logger,
        Func<TEvent, IServiceProvider, CancellationToken, Task> handle)
        where TEvent : IntegrationEvent =>
        app.MapSubscription<TEvent>(pubSubName, route, logger, async (message, services, cancellationToken) =>
        {
            await handle(message, services, cancellationToken);
            return TopicDelivery.Success;
        });

    /// <summary>Subscribes <paramref name="handle"/>, which answers SUCCESS, RETRY or DROP itself (<see cref="TopicDelivery"/>).</summary>
    public static RouteHandlerBuilder MapSubscription<TEvent>(this IEndpointRouteBuilder app, string pubSubName, string route, ILogger logger,
        Func<TEvent, IServiceProvider, CancellationToken, Task<Ok<DeliveryStatus>>> handle)
        where TEvent : IntegrationEvent
    {
        var type = IntegrationEvent.CloudEventType<TEvent>();
        return app.MapPost(route, async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var (message, unreadable) = await TopicDelivery.ReadAsync<TEvent>(request, cancellationToken);
            if (message is null) return TopicDelivery.Drop(logger, type, "body", unreadable!);
            try
            {
                return await handle(message, request.HttpContext.RequestServices, cancellationToken);
            }
            catch (DependencyUnavailableException exception)
            {
                LogRetry(logger, exception, type, message.Id);
                return TopicDelivery.Retry;
            }
        }).WithTopic(pubSubName, IntegrationEvent.Topic<TEvent>()).ExcludeFromDescription();
    }

    [LoggerMessage(LogLevel.Warning, "Handling {EventType} {EventId} failed; asking for redelivery")]
    private static partial void LogRetry(ILogger logger, Exception exception, string eventType, Guid eventId);
}
