using System.Globalization;
using Dapr;
using Dapr.Client;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// The cart a guest's order came from (its id and the guest's <c>sos_cart</c> cookie), kept in the state store by order
/// id for as long as idempotency records (24 h), written before the order is saved. A checkout the start-up sweep starts
/// has no request to read the cookie from; with this record it still takes the paid lines off the guest's cart. The
/// cookie is the guest's cart credential: it stays in Dapr state, as in the workflow's own input, never on the order or
/// in an event.
/// </summary>
public sealed class GuestCartOwners(DaprClient dapr)
{
    public async Task SaveAsync(Guid orderId, CartOwnerRef owner, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.SaveStateAsync(DaprComponents.StateStore, Key(orderId), owner, cancellationToken: cancellationToken,
                metadata: new Dictionary<string, string> { ["ttlInSeconds"] = ((int)IdempotencyRecords.Retention.TotalSeconds).ToString(CultureInfo.InvariantCulture) });
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException(DaprComponents.StateStore, exception);
        }
    }

    /// <summary>The guest's cart for the order; null when none was recorded (a signed-in customer's order, or no cart cookie).</summary>
    public Task<CartOwnerRef?> FindAsync(Guid orderId, CancellationToken cancellationToken) =>
        dapr.GetStateAsync<CartOwnerRef?>(DaprComponents.StateStore, Key(orderId), cancellationToken: cancellationToken);

    private static string Key(Guid orderId) => $"ordering-guest-cart-{orderId:N}";
}
