using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.BuildingBlocks.Validation;
using SpaceOfSport.Ordering.Checkout;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Apis;

/// <summary>The body of <c>POST /api/orders</c>: everything else comes from the caller's cart. A guest gives an email.</summary>
public sealed record PlaceOrderRequest(string? Email);

/// <summary>
/// <c>/api/orders</c>: place an order from the caller's cart (Idempotency-Key), read it, cancel it, claim a guest order,
/// and (staff) move it to fulfilling.
/// </summary>
public static class OrdersApi
{
    public const int MaxIdempotencyKeyLength = 200;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders").ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        orders.MapPost("/", PlaceAsync).AllowAnonymous().AddEndpointFilter(RejectInvalidToken).ProducesProblem(StatusCodes.Status401Unauthorized).WithName("PlaceOrder")
            .WithSummary("Places an order from the caller's cart (Idempotency-Key header: the same key is the same order) and starts its checkout.");
        orders.MapGet("/{orderId:guid}", GetAsync).RequireAuthorization().WithName("GetOrder").WithSummary("The caller's order; anybody else's is 404.");
        orders.MapPost("/{orderId:guid}/cancel", CancelAsync).RequireAuthorization().WithName("CancelOrder")
            .WithSummary("Cancels the caller's order before it ships (refunded if paid).");
        orders.MapPost("/{orderId:guid}/claim", ClaimAsync).RequireAuthorization().WithName("ClaimGuestOrder")
            .WithSummary("Attaches a guest order to the signed-in account with the same email.");
        orders.MapPost("/{orderId:guid}/fulfilment", StartFulfilmentAsync).RequirePermission(Permissions.OrdersManage).WithName("StartOrderFulfilment")
            .WithSummary("Staff: a paid order goes to fulfilling.");
        return app;
    }

    public static async Task<Results<Created<OrderResponse>, Ok<OrderResponse>, Accepted<OrderResponse>, ValidationProblem, ConflictProblem, BusinessRuleProblem>> PlaceAsync(
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, PlaceOrderRequest? request, HttpRequest http, ClaimsPrincipal user,
        OrderPlacement placement, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxIdempotencyKeyLength || !TextRules.IsSingleLine(idempotencyKey))
            errors["Idempotency-Key"] = [$"an Idempotency-Key header (one line, at most {MaxIdempotencyKeyLength} characters) is required: the same key is the same order"];
        if (OrderAccess.UserIdOf(user) is null && !IsEmail(request?.Email))
            errors["email"] = ["a guest order needs the email address confirmations go to"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        // A dependency that does not answer is a 503 with Retry-After (DependencyUnavailableHandler): retry with the same key.
        var outcome = await placement.PlaceAsync(http, user, idempotencyKey!, request?.Email, cancellationToken);
        return outcome switch
        {
            PlacementOutcome.KeyReused => new BusinessRuleProblem("Idempotency-Key reused",
                "This Idempotency-Key was used for another request; use a new key for a new order.", Reason("idempotency-key-reused")),
            PlacementOutcome.Refused refused => new BusinessRuleProblem(refused.Title, refused.Detail, Reason(refused.Reason)),
            PlacementOutcome.OutOfStock shortage => new ConflictProblem("Out of stock",
                $"Not enough stock for: {string.Join(", ", shortage.Skus)}. Nothing was charged.",
                new Dictionary<string, object?> { ["skus"] = shortage.Skus, ["orderId"] = shortage.Order?.Id }),
            PlacementOutcome.Placed { Order.Status: OrderStatus.Pending } placed => TypedResults.Accepted($"/api/orders/{placed.Order.Id}", OrderResponse.From(placed.Order)),
            PlacementOutcome.Placed { Created: true } placed => TypedResults.Created($"/api/orders/{placed.Order.Id}", OrderResponse.From(placed.Order)),
            PlacementOutcome.Placed placed => TypedResults.Ok(OrderResponse.From(placed.Order)),
            _ => throw new InvalidOperationException($"unexpected outcome {outcome}"),
        };
    }

    public static async Task<Results<Ok<OrderResponse>, NotFoundProblem>> GetAsync(Guid orderId, ClaimsPrincipal user, OrderStore orders, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        return order is not null && OrderAccess.MaySee(user, order) ? TypedResults.Ok(OrderResponse.From(order)) : NoSuchOrder(orderId);
    }

    public static async Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem>> CancelAsync(
        Guid orderId, ClaimsPrincipal user, OrderStore orders, OrderCancellation cancellation, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        if (order is null || !OrderAccess.IsCustomer(user, order)) return NoSuchOrder(orderId);
        var cancelled = await cancellation.CancelAsync(order, cancellationToken);
        if (cancelled is null) return NotNow(order, "cancelled");
        return TypedResults.Ok(OrderResponse.From((await orders.FindAsync(orderId, cancellationToken))!));
    }

    public static async Task<Results<Ok<OrderResponse>, NotFoundProblem>> ClaimAsync(Guid orderId, ClaimsPrincipal user, OrderStore orders, CancellationToken cancellationToken)
    {
        var userId = OrderAccess.UserIdOf(user);
        var email = user.FindFirst("email")?.Value;
        var claimed = await orders.ChangeAsync(orderId, (_, order) =>
        {
            if (order.UserId is not null || email is null || !string.Equals(order.Email, email, StringComparison.OrdinalIgnoreCase)) return false;
            order.UserId = userId;
            order.Version++;
            return true;
        }, cancellationToken);
        return claimed is not null && claimed.UserId == userId ? TypedResults.Ok(OrderResponse.From((await orders.FindAsync(orderId, cancellationToken))!)) : NoSuchOrder(orderId);
    }

    public static async Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem>> StartFulfilmentAsync(
        Guid orderId, OrderStore orders, OrderLifecycle lifecycle, CancellationToken cancellationToken)
    {
        var moved = false;
        var order = await orders.ChangeAsync(orderId, (db, current) => moved = lifecycle.TryMove(db, current, OrderStatus.Fulfilling), cancellationToken);
        if (order is null) return NoSuchOrder(orderId);
        if (!moved) return NotNow(order, "moved to fulfilling");
        return TypedResults.Ok(OrderResponse.From((await orders.FindAsync(orderId, cancellationToken))!));
    }

    /// <summary>A token that fails validation is a 401, never a silent fall-back to a guest order.</summary>
    private static async ValueTask<object?> RejectInvalidToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid access token",
                detail: "The bearer token was not accepted; sign in again, or send no token to order as a guest.");
        return await next(context);
    }

    private static ConflictProblem NotNow(Orders.Order order, string what) =>
        new("Not allowed in this status", $"Order {order.Number} is {OrderTransitions.Kebab(order.Status)} and cannot be {what}.",
            new Dictionary<string, object?> { ["status"] = OrderTransitions.Kebab(order.Status), ["version"] = order.Version });

    private static NotFoundProblem NoSuchOrder(Guid orderId) => new($"There is no order {orderId} for you.");

    private static Dictionary<string, object?> Reason(string reason) => new() { ["reason"] = reason };

    private static bool IsEmail(string? email) =>
        email is { Length: > 2 and <= 320 } && TextRules.IsSingleLine(email) && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < email.Length - 1;
}
