using System.Security.Claims;
using SpaceOfSport.BuildingBlocks.Security;

namespace SpaceOfSport.Ordering.Orders;

/// <summary>Who may see an order: its customer, or staff who read all orders. Everyone else gets 404, never 403.</summary>
public static class OrderAccess
{
    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : null;

    public static bool MaySee(ClaimsPrincipal user, Order order) =>
        (UserIdOf(user) is { } id && order.UserId == id) || user.HasClaim(TokenConventions.PermissionClaim, Permissions.OrdersReadAll);

    public static bool IsCustomer(ClaimsPrincipal user, Order order) => UserIdOf(user) is { } id && order.UserId == id;
}
