using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Ordering.Data;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.GraphQL;

/// <summary>
/// The order history: a customer sees only their own orders; staff with <c>orders:read-all</c> see every order and may
/// search by email or order number. Signed-out callers get an UNAUTHENTICATED error; another customer's order is null
/// (as a REST 404: whether it exists is not told).
/// </summary>
public sealed class OrderingQuery : ObjectGraphType
{
    public const int MaxPageSize = 50;

    public OrderingQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<OrderConnectionGraphType>>("orders")
            .Description("Orders newest first, filtered by status and the time they were placed; staff may search by email or order number")
            .Argument<ListGraphType<NonNullGraphType<EnumerationGraphType<OrderStatus>>>>("status")
            .Argument<DateTimeOffsetGraphType>("placedFrom", a => a.Description = "Placed at or after")
            .Argument<DateTimeOffsetGraphType>("placedTo", a => a.Description = "Placed before")
            .Argument<StringGraphType>("search", a => a.Description = "An exact email address or order number")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await OrdersAsync(c));

        Field<OrderGraphType>("order")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var visible = Visible(c);
                var id = c.GetArgument<Guid>("id");
                return await visible.Where(o => o.Id == id).SingleOrDefaultAsync(c.CancellationToken);
            });
    }

    private static async Task<OrderPage> OrdersAsync(IResolveFieldContext context)
    {
        var first = context.GetArgument<int>("first");
        if (first is < 1 or > MaxPageSize) throw BadInput($"first must be between 1 and {MaxPageSize}");
        if (!OrderHistoryCursor.TryDecode(context.GetArgument<string?>("after"), out var after)) throw BadInput("after is not a cursor this API returned");

        var orders = Visible(context);
        if (context.GetArgument<List<OrderStatus>?>("status") is { Count: > 0 } statuses) orders = orders.Where(o => statuses.Contains(o.Status));
        // In UTC: PostgreSQL's timestamptz takes no other offset, and SQLite compares the stored UTC ticks.
        if (context.GetArgument<DateTimeOffset?>("placedFrom")?.ToUniversalTime() is { } from) orders = orders.Where(o => o.CreatedAt >= from);
        if (context.GetArgument<DateTimeOffset?>("placedTo")?.ToUniversalTime() is { } to) orders = orders.Where(o => o.CreatedAt < to);
        if (context.GetArgument<string?>("search")?.Trim() is { Length: > 0 } search)
        {
            if (!MayReadAll(context.User)) throw new ExecutionError("searching all orders needs the orders:read-all permission") { Code = "FORBIDDEN" };
            var upper = search.ToUpperInvariant();
            orders = orders.Where(o => o.Number == upper || o.Email.ToUpper() == upper);
        }
        if (after is { } position)
            orders = orders.Where(o => o.CreatedAt < position.PlacedAt || (o.CreatedAt == position.PlacedAt && string.Compare(o.Number, position.Number) < 0));

        var page = await orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Number).Take(first + 1).ToListAsync(context.CancellationToken);
        var hasNext = page.Count > first;
        if (hasNext) page.RemoveAt(page.Count - 1);
        return new OrderPage(page, new PageInfo(page.Count > 0 ? OrderHistoryCursor.Encode(page[^1].CreatedAt, page[^1].Number) : null, hasNext));
    }

    /// <summary>The orders the caller may see; signed out, none (an UNAUTHENTICATED error).</summary>
    private static IQueryable<Order> Visible(IResolveFieldContext context)
    {
        var user = context.User ?? new ClaimsPrincipal();
        var orders = context.RequestServices!.GetRequiredService<OrderingDbContext>().Orders.AsNoTracking();
        if (MayReadAll(user)) return orders;
        if (OrderAccess.UserIdOf(user) is not { } userId) throw new ExecutionError("sign in to read orders") { Code = "UNAUTHENTICATED" };
        return orders.Where(o => o.UserId == userId);
    }

    private static bool MayReadAll(ClaimsPrincipal? user) => user?.HasClaim(TokenConventions.PermissionClaim, Permissions.OrdersReadAll) == true;

    private static ExecutionError BadInput(string message) => new(message) { Code = "BAD_USER_INPUT" };
}
