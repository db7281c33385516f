namespace SpaceOfSport.BuildingBlocks.Security;

/// <summary>
/// The permissions identity grants through roles; each is also the name of the authorization policy that requires it
/// (<c>.RequireAuthorization(Permissions.CatalogWrite)</c>).
/// </summary>
public static class Permissions
{
    public const string CatalogWrite = "catalog:write";
    public const string InventoryAdjust = "inventory:adjust";
    public const string OrdersReadAll = "orders:read-all";

    /// <summary>Moving orders through fulfilment (ordering).</summary>
    public const string OrdersManage = "orders:manage";

    public const string RefundsCreate = "refunds:create";
    public const string RolesManage = "roles:manage";
    public const string ReportsRead = "reports:read";
    public const string AuditRead = "audit:read";

    /// <summary>Creating and changing promotion codes (cart).</summary>
    public const string PromotionsManage = "promotions:manage";

    /// <summary>Approving, rejecting and receiving customers' returns and exchanges (ordering).</summary>
    public const string ReturnsManage = "returns:manage";

    /// <summary>Rotating identity's token signing key.</summary>
    public const string KeysRotate = "keys:rotate";

    /// <summary>Reading the delivery log and previewing message templates (notifications).</summary>
    public const string NotificationsRead = "notifications:read";

    /// <summary>Registering, changing and replaying partners' webhook endpoints (notifications).</summary>
    public const string WebhooksManage = "webhooks:manage";

    public static IReadOnlyList<string> All { get; } =
        [CatalogWrite, InventoryAdjust, OrdersReadAll, OrdersManage, RefundsCreate, RolesManage, ReportsRead, AuditRead, KeysRotate, PromotionsManage, ReturnsManage,
            NotificationsRead, WebhooksManage];
}
