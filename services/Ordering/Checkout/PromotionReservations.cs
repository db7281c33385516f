using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SpaceOfSport.Contracts.Cart.V1;
using PromotionsClient = SpaceOfSport.Contracts.Cart.V1.Promotions.PromotionsClient;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// Cart's promotion-code reservations (gRPC <c>spaceofsport.cart.v1.Promotions</c> through Dapr's proxying, app-id
/// cart), one per order: cart keys them by order id, so a retried step never takes a second use. Transient failures
/// throw, for the workflow's retry policy; the answers that settle the question are returned.
/// </summary>
public sealed class PromotionReservations(PromotionsClient promotions)
{
    private const string ReasonTrailer = "reason";

    /// <summary>Takes one use of the code for the order: null when held, else why the code cannot be used now (cart's reason).</summary>
    public async Task<string?> ReserveAsync(Guid orderId, string code, Guid? userId, TimeSpan ttl, CancellationToken cancellationToken)
    {
        try
        {
            await promotions.ReserveAsync(new ReservePromotionRequest
            {
                OrderId = orderId.ToString(),
                Code = code,
                UserId = userId?.ToString() ?? "",
                Ttl = Duration.FromTimeSpan(ttl),
            }, cancellationToken: cancellationToken);
            return null;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.FailedPrecondition)
        {
            return exception.Trailers.GetValue(ReasonTrailer) ?? "unavailable";
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
        {
            return "unknown";
        }
    }

    /// <summary>The order was paid: its use counts. Nothing to do when it reserved none.</summary>
    public async Task ConfirmAsync(Guid orderId, CancellationToken cancellationToken)
    {
        try
        {
            await promotions.ConfirmAsync(new PromotionReservationRequest { OrderId = orderId.ToString() }, cancellationToken: cancellationToken);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            // No reservation, or one released already: cart counts the paid use from the order-paid event instead.
        }
    }

    /// <summary>The order ended without payment: its use goes back. Done as well when none was reserved or it was counted.</summary>
    public async Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        try
        {
            await promotions.ReleaseAsync(new PromotionReservationRequest { OrderId = orderId.ToString() }, cancellationToken: cancellationToken);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            // Never reserved (no code, or refused), or confirmed by a payment that landed first: nothing to give back.
        }
    }
}
