namespace SpaceOfSport.Contracts.Events.Cart;

/// <summary>
/// A cart's lines were left untouched for the configured time. Published once per abandonment: touching the lines
/// again starts a new one.
/// </summary>
[IntegrationEvent("cart", "cart-abandoned")]
public sealed record CartAbandoned : IntegrationEvent
{
    public required string CartId { get; init; }

    /// <summary>The owner; null for an anonymous cart (nobody to remind, but analytics still counts it).</summary>
    public Guid? UserId { get; init; }

    public required long Version { get; init; }

    public required IReadOnlyList<AbandonedLine> Lines { get; init; }

    /// <summary>When the lines were last changed.</summary>
    public required DateTimeOffset LinesTouchedAt { get; init; }
}

public sealed record AbandonedLine(string Sku, int Quantity);
