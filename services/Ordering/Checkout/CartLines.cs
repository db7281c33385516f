using Grpc.Core;
using SpaceOfSport.Contracts.Cart.V1;
using SpaceOfSport.Ordering.Orders;
using CartCheckoutClient = SpaceOfSport.Contracts.Cart.V1.CartCheckout.CartCheckoutClient;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// Takes a paid order's lines off the shopper's cart (cart's gRPC <c>CartCheckout/RemoveOrderedLines</c> through Dapr's
/// proxying): cart subtracts the order's units and remembers the order id, so a retried step takes nothing twice.
/// </summary>
public sealed class CartLines(CartCheckoutClient carts)
{
    /// <summary>False when the cart is gone or was replaced (merged at sign-in): nothing to take off.</summary>
    public async Task<bool> RemoveOrderedAsync(Order order, CartOwnerRef owner, CancellationToken cancellationToken)
    {
        var request = new RemoveOrderedLinesRequest
        {
            OrderId = order.Id.ToString(),
            CartId = owner.CartId.ToString(),
            UserId = owner.UserId?.ToString() ?? "",
            AnonymousCartToken = owner.AnonymousToken ?? "",
            PromotionCode = order.PromotionCode ?? "",
        };
        request.Lines.AddRange(order.Lines.Select(l => new OrderedLine { Sku = l.Sku, Quantity = l.Quantity }));
        try
        {
            return (await carts.RemoveOrderedLinesAsync(request, cancellationToken: cancellationToken)).Removed;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.InvalidArgument)
        {
            // A request cart refuses will be refused again: the order stands, the cart keeps its lines.
            return false;
        }
    }
}
