using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.Contracts;

namespace SpaceOfSport.BuildingBlocks.Subscriptions;

/// <summary>
/// One subscription as every service writes it: the route Dapr delivers an event's topic to, the event read from the
/// body (a malformed one is dropped: redelivery cannot fix it), handled, and answered SUCCESS, or RETRY when a
/// dependency did not answer (<see cref="DependencyUnavailableException"/>). Only the app's own sidecar may deliver
/// (<see cref="RefuseAllButOwnSidecar"/>): an event posted straight to the route, or through service invocation by
/// any app in the mesh, is refused with a 403 problem before it is read.
/// </summary>
public static partial class TopicSubscription
{
    /// <summary>Why a delivery that did not come from a subscription of this app's own sidecar is refused.</summary>
    public const string RefusalDetail = "Events are delivered here only by this app's own Dapr sidecar, from its subscriptions; publish the event instead.";

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
        }).RefuseAllButOwnSidecar().WithTopic(pubSubName, IntegrationEvent.Topic<TEvent>()).ExcludeFromDescription();
    }

    /// <summary>
    /// Lets through only what the app's own sidecar delivers from a subscription: the request came through that sidecar
    /// (<see cref="AppApiToken.CameThroughSidecar"/>: its app API token, or loopback where none is configured) and is
    /// not a service invocation, which daprd (and the local runtime) always marks with <c>dapr-caller-app-id</c> and a
    /// pub/sub delivery never carries. Anyone else gets a 403 problem: a forged event must not be taken for a real one.
    /// </summary>
    public static TBuilder RefuseAllButOwnSidecar<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (AppApiToken.CameThroughSidecar(http) && !http.Request.Headers.ContainsKey(DaprSidecar.CallerAppIdHeader)) return await next(context);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: RefusalDetail);
        });
        return builder;
    }

    [LoggerMessage(LogLevel.Warning, "Handling {EventType} {EventId} failed; asking for redelivery")]
    private static partial void LogRetry(ILogger logger, Exception exception, string eventType, Guid eventId);
}
