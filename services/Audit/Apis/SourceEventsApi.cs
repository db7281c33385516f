using SpaceOfSport.Audit.Ledger;
using SpaceOfSport.Audit.Sources;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Events.Notifications;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Contracts.Events.Payments;

namespace SpaceOfSport.Audit.Apis;

/// <summary>
/// The events audit records (<see cref="AuditedEvents"/>), one subscription per topic at <c>/events/{topic}</c>. Idempotent
/// by event id: a redelivery finds its entry. Answers as Dapr expects: SUCCESS (recorded, already recorded, or not a
/// critical action), DROP (unreadable, or a field the ledger cannot hold), RETRY (the database failed).
/// </summary>
public static partial class SourceEventsApi
{
    public static IEndpointRouteBuilder MapSourceEventsApi(this IEndpointRouteBuilder app)
    {
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SourceEventsApi).FullName!);
        Subscribe<UserRolesChanged>(app, logger, AuditedEvents.UserRolesChanged);
        Subscribe<StaffSignedIn>(app, logger, AuditedEvents.StaffSignedIn);
        Subscribe<RolePermissionsChanged>(app, logger, AuditedEvents.RolePermissionsChanged);
        Subscribe<PriceChanged>(app, logger, AuditedEvents.PriceChanged);
        Subscribe<FlashSaleChanged>(app, logger, AuditedEvents.FlashSaleChanged);
        Subscribe<FlashSaleStarted>(app, logger, AuditedEvents.FlashSaleStarted);
        Subscribe<FlashSaleEnded>(app, logger, AuditedEvents.FlashSaleEnded);
        Subscribe<StockChanged>(app, logger, AuditedEvents.StockChanged);
        Subscribe<PaymentSucceeded>(app, logger, AuditedEvents.PaymentSucceeded);
        Subscribe<PaymentFailed>(app, logger, AuditedEvents.PaymentFailed);
        Subscribe<PaymentRequiresAction>(app, logger, AuditedEvents.PaymentRequiresAction);
        Subscribe<RefundSucceeded>(app, logger, AuditedEvents.RefundSucceeded);
        Subscribe<RefundFailed>(app, logger, AuditedEvents.RefundFailed);
        Subscribe<OrderStatusChanged>(app, logger, AuditedEvents.OrderStatusChanged);
        Subscribe<WebhookEndpointChanged>(app, logger, AuditedEvents.WebhookEndpointChanged);
        return app;
    }

    /// <summary>Where the sidecar delivers <typeparamref name="TEvent"/>.</summary>
    public static string RouteOf<TEvent>()
        where TEvent : IntegrationEvent => $"/events/{IntegrationEvent.Topic<TEvent>()}";

    /// <summary>One subscription (<see cref="TopicSubscription"/>): a database failure asks for redelivery.</summary>
    private static void Subscribe<TEvent>(IEndpointRouteBuilder app, ILogger logger, Func<TEvent, EntryDraft?> toEntry)
        where TEvent : IntegrationEvent
    {
        var type = IntegrationEvent.CloudEventType<TEvent>();
        app.MapSubscription<TEvent>(DaprComponents.PubSub, RouteOf<TEvent>(), logger, async (message, services, cancellationToken) =>
        {
            if (message.Id == Guid.Empty) return TopicDelivery.Drop(logger, type, "id", "is missing");
            if (toEntry(message) is not { } draft) return TopicDelivery.Success;
            if (draft.Problem() is { } problem) return TopicDelivery.Drop(logger, type, problem.Field, problem.Detail);
            try
            {
                var (entry, alreadyRecorded) = await services.GetRequiredService<LedgerWriter>().AppendAsync(draft, cancellationToken);
                LogRecorded(logger, type, message.Id, entry.Sequence, alreadyRecorded);
                return TopicDelivery.Success;
            }
            catch (Exception exception) when (exception is not (OperationCanceledException or DependencyUnavailableException))
            {
                throw new DependencyUnavailableException("the ledger", exception);
            }
        });
    }

    [LoggerMessage(LogLevel.Debug, "{EventType} {EventId} is entry {Sequence} (already recorded: {AlreadyRecorded})")]
    private static partial void LogRecorded(ILogger logger, string eventType, Guid eventId, long sequence, bool alreadyRecorded);
}
