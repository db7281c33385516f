using SpaceOfSport.BuildingBlocks.Security;

namespace SpaceOfSport.Identity.Roles;

/// <summary>The roles every installation has; their permissions are defined here and re-applied at each start.</summary>
public static class BuiltInRoles
{
    public const string Customer = "customer";
    public const string Staff = "staff";
    public const string Merchandiser = "merchandiser";
    public const string Admin = "admin";

    public static IReadOnlyList<Role> All { get; } =
    [
        new() { Name = Customer, Description = "Shops: own profile, own orders.", IsBuiltIn = true, Permissions = [] },
        new()
        {
            Name = Staff, Description = "Customer service and store staff.", IsBuiltIn = true,
            Permissions = [Permissions.OrdersReadAll, Permissions.OrdersManage, Permissions.RefundsCreate, Permissions.ReturnsManage, Permissions.InventoryAdjust, Permissions.ReportsRead, Permissions.NotificationsRead],
        },
        new()
        {
            Name = Merchandiser, Description = "Maintains the catalog, stock and promotions.", IsBuiltIn = true,
            Permissions = [Permissions.CatalogWrite, Permissions.InventoryAdjust, Permissions.ReportsRead, Permissions.PromotionsManage],
        },
        new() { Name = Admin, Description = "Everything, including roles and keys.", IsBuiltIn = true, Permissions = [.. Permissions.All] },
    ];
}
