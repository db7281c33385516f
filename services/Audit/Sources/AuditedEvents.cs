using SpaceOfSport.Audit.Ledger;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Events.Notifications;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Contracts.Events.Payments;

namespace SpaceOfSport.Audit.Sources;

/// <summary>
/// How each audited event becomes an entry: the action is the event's CloudEvent type, the source event id its id, the
/// digests SHA-256 over the RFC 8785 JSON of the state before and after (where the event tells it). An event that names
/// no person is recorded with the publishing app as actor. Null: the event is not a critical action (a reservation's
/// stock change, an order moving other than to cancelled).
/// </summary>
public static class AuditedEvents
{
    public const string StockAdjustedReason = "adjusted";
    public const string CancelledStatus = "cancelled";

    public static EntryDraft? UserRolesChanged(UserRolesChanged e) => Draft(e,
        e.ChangedBy is { } admin ? User(admin) : App("identity"), $"user:{e.UserId}",
        before: null, after: new { roles = Sorted(e.Roles) });

    public static EntryDraft? StaffSignedIn(StaffSignedIn e) => Draft(e, User(e.UserId), $"user:{e.UserId}", before: null,
        after: new { roles = Sorted(e.Roles) });

    public static EntryDraft? RolePermissionsChanged(RolePermissionsChanged e) => Draft(e,
        e.ChangedBy is { } admin ? User(admin) : App("identity"), $"role:{e.Role}",
        before: e.Change == Contracts.Events.Identity.RolePermissionsChanged.Created ? null : new { permissions = Sorted(e.PreviousPermissions) },
        after: e.Change == Contracts.Events.Identity.RolePermissionsChanged.Deleted ? null : new { permissions = Sorted(e.Permissions) });

    public static EntryDraft? PriceChanged(PriceChanged e) => Draft(e, App("catalog"), $"variant:{e.VariantId}",
        before: new { priceMinor = e.OldPriceMinor, currency = e.Currency }, after: new { priceMinor = e.NewPriceMinor, currency = e.Currency });

    public static EntryDraft? FlashSaleStarted(FlashSaleStarted e) => Draft(e, App("catalog"), $"flash-sale:{e.FlashSaleId}", before: null,
        after: new { name = e.Name, productIds = e.ProductIds, variantIds = e.VariantIds, salePriceMinor = e.SalePriceMinor, percentOff = e.PercentOff, startsAt = e.StartsAt, endsAt = e.EndsAt });

    public static EntryDraft? FlashSaleChanged(FlashSaleChanged e) => Draft(e,
        e.ChangedBy is { } editor ? User(editor) : App("catalog"), $"flash-sale:{e.FlashSaleId}", before: null,
        after: new
        {
            change = e.Change,
            version = e.Version,
            name = e.Name,
            productIds = e.ProductIds,
            variantIds = e.VariantIds,
            salePriceMinor = e.SalePriceMinor,
            percentOff = e.PercentOff,
            perCustomerLimit = e.PerCustomerLimit,
            startsAt = e.StartsAt,
            endsAt = e.EndsAt,
        });

    public static EntryDraft? FlashSaleEnded(FlashSaleEnded e) => Draft(e, App("catalog"), $"flash-sale:{e.FlashSaleId}", before: null,
        after: new { endedAt = e.EndedAt });

    public static EntryDraft? StockChanged(StockChanged e) => e.Reason != StockAdjustedReason ? null : Draft(e, App("inventory"),
        $"stock:{e.Sku}@{e.Location}", before: null, after: new { onHand = e.OnHand, reserved = e.Reserved });

    public static EntryDraft? PaymentSucceeded(PaymentSucceeded e) => Draft(e, App("payments"), $"payment:{e.PaymentId}", before: null,
        after: new { status = "succeeded", orderId = e.OrderId, amount = e.Amount, currency = e.Currency });

    public static EntryDraft? PaymentFailed(PaymentFailed e) => Draft(e, App("payments"), $"payment:{e.PaymentId}", before: null,
        after: new { status = "failed", orderId = e.OrderId, code = e.Code, declineCode = e.DeclineCode });

    public static EntryDraft? PaymentRequiresAction(PaymentRequiresAction e) => Draft(e, App("payments"), $"payment:{e.PaymentId}", before: null,
        after: new { status = "requires-action", orderId = e.OrderId });

    public static EntryDraft? RefundSucceeded(RefundSucceeded e) => Draft(e, App("payments"), $"refund:{e.RefundId}", before: null,
        after: new { status = "succeeded", paymentId = e.PaymentId, amount = e.Amount, currency = e.Currency, totalRefunded = e.TotalRefunded });

    public static EntryDraft? RefundFailed(RefundFailed e) => Draft(e, App("payments"), $"refund:{e.RefundId}", before: null,
        after: new { status = "failed", paymentId = e.PaymentId, amount = e.Amount, currency = e.Currency, failureReason = e.FailureReason });

    public static EntryDraft? OrderStatusChanged(OrderStatusChanged e) => e.Status != CancelledStatus ? null : Draft(e,
        e.UserId is { } customer && e.Reason == "customer-cancelled" ? User(customer) : App("ordering"), $"order:{e.OrderId}",
        before: new { status = e.PreviousStatus }, after: new { status = e.Status, reason = e.Reason });

    public static EntryDraft? WebhookEndpointChanged(WebhookEndpointChanged e) => Draft(e,
        e.ChangedBy is { } admin ? User(admin) : App("notifications"), $"webhook-endpoint:{e.EndpointId}", before: null,
        after: new { change = e.Change, url = e.Url, eventTypes = Sorted(e.EventTypes), enabled = e.Enabled });

    private static string[] Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];

    private static EntryDraft Draft<TEvent>(TEvent e, string actor, string subject, object? before, object? after)
        where TEvent : IntegrationEvent =>
        new(actor, IntegrationEvent.CloudEventType<TEvent>(), subject,
            before is null ? null : EntryHashing.DigestOf(before), after is null ? null : EntryHashing.DigestOf(after), e.Id.ToString());

    private static string User(Guid id) => $"user:{id}";

    private static string App(string appId) => $"app:{appId}";
}
