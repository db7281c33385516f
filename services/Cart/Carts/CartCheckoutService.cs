using Grpc.Core;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Cart.Promotions;
using SpaceOfSport.Contracts.Cart.V1;

namespace SpaceOfSport.Cart.Carts;

/// <summary>
/// gRPC <c>spaceofsport.cart.v1.CartCheckout</c>: ordering takes a paid order's lines off the cart it was placed from.
/// Units are subtracted, not lines deleted, so a cart the shopper changed after placing the order keeps what the order
/// did not buy; the cart remembers the order, so a retried call takes nothing twice. Only app-id ordering may call
/// (<c>RequireCallerApp</c> where Program.cs maps it).
/// </summary>
public sealed class CartCheckoutService(CartStore store) : CartCheckout.CartCheckoutBase
{
    /// <summary>How many paid orders a cart remembers; a workflow retries a step within minutes, never after this many orders.</summary>
    private const int OrdersRemembered = 20;

    public override async Task<RemoveOrderedLinesResponse> RemoveOrderedLines(RemoveOrderedLinesRequest request, ServerCallContext context)
    {
        var orderId = ParseId(request.OrderId, "order_id");
        var cartId = ParseId(request.CartId, "cart_id");
        Guid? userId = string.IsNullOrEmpty(request.UserId) ? null : ParseId(request.UserId, "user_id");
        if (userId is null && string.IsNullOrEmpty(request.AnonymousCartToken)) throw Invalid("anonymous_cart_token", "is required without a user_id");
        if (request.Lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Quantity <= 0)) throw Invalid("lines", "need a sku and a positive quantity");
        var key = userId is { } user ? CartKeys.OfUser(user) : CartKeys.OfAnonymous(request.AnonymousCartToken);
        var code = string.IsNullOrEmpty(request.PromotionCode) ? null : Promotion.Normalize(request.PromotionCode);

        try
        {
            var (outcome, cart) = await store.EditAsync(key, userId, expectedVersion: null, cart =>
            {
                if (cart.Id != cartId) return OtherCart;
                if (cart.OrdersTakenOff.Contains(orderId)) return AlreadyTakenOff;
                TakeOff(cart, request.Lines, code, store.Clock.GetUtcNow());
                cart.OrdersTakenOff.Add(orderId);
                if (cart.OrdersTakenOff.Count > OrdersRemembered) cart.OrdersTakenOff.RemoveAt(0);
                return null;
            }, context.CancellationToken);
            return new RemoveOrderedLinesResponse { Removed = outcome != OtherCart, CartVersion = outcome == OtherCart ? 0 : cart.Version };
        }
        catch (DependencyUnavailableException exception)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"{exception.Dependency} did not answer; try again."));
        }
    }

    private static void TakeOff(CartDocument cart, IEnumerable<OrderedLine> ordered, string? code, DateTimeOffset now)
    {
        foreach (var bought in ordered.GroupBy(l => l.Sku, StringComparer.Ordinal))
        {
            if (cart.Lines.Find(l => l.Sku == bought.Key) is not { } line) continue;
            line.Quantity -= bought.Sum(l => l.Quantity);
            if (line.Quantity <= 0) cart.Lines.Remove(line);
        }
        if (code is not null && cart.PromoCode is { } applied && Promotion.Normalize(applied) == code) cart.PromoCode = null;
        // The lines changed: abandonment starts again from now, as for any change of the lines.
        cart.LinesTouchedAt = now;
        cart.Abandonment = null;
    }

    private static readonly EditOutcome OtherCart = new EditOutcome.NotFoundOutcome("the cart is gone or is another one");

    private static readonly EditOutcome AlreadyTakenOff = new EditOutcome.RuleOutcome("already-taken-off", "the order's lines were taken off before");

    private static Guid ParseId(string? value, string field) =>
        Guid.TryParse(value, out var id) && id != Guid.Empty ? id : throw Invalid(field, "must be a UUID");

    private static RpcException Invalid(string field, string problem) => new(new Status(StatusCode.InvalidArgument, $"{field} {problem}"));
}
