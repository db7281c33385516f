namespace SpaceOfSport.Contracts.Events.Cart;

/// <summary>
/// A cart changed: lines, promo code, destination or shipping method. <see cref="Version"/> is the cart's version after
/// the change, so the owner's other tabs and devices fetch the cart when theirs is older. Delivered at least once and
/// possibly out of order: consumers keep the highest version they saw.
/// </summary>
[IntegrationEvent("cart", "cart-changed")]
public sealed record CartChanged : IntegrationEvent
{
    /// <summary>The cart's opaque id (what <c>GET /api/cart</c> answers as <c>id</c>).</summary>
    public required string CartId { get; init; }

    /// <summary>The owner; null for an anonymous cart.</summary>
    public Guid? UserId { get; init; }

    public required long Version { get; init; }

    public required int LineCount { get; init; }

    public required int TotalQuantity { get; init; }
}
