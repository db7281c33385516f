namespace SpaceOfSport.Contracts.Events.Inventory;

/// <summary>Stock of <see cref="Sku"/> at <see cref="Location"/> changed (reserve, commit, release, expiry, adjust).</summary>
[IntegrationEvent("inventory", "stock-changed")]
public sealed record StockChanged : IntegrationEvent
{
    public required string Sku { get; init; }

    public required string Location { get; init; }

    public long OnHand { get; init; }

    public long Reserved { get; init; }

    public long Available { get; init; }

    /// <summary>Available over every location of the SKU (what "in stock" means to the storefront).</summary>
    public long TotalAvailable { get; init; }

    /// <summary>Why: reserved, committed, released, expired, adjusted or registered (a SKU inventory learned from the catalog).</summary>
    public required string Reason { get; init; }
}
