namespace SpaceOfSport.Contracts.Events.Inventory;

/// <summary><see cref="Sku"/> had nothing available over all locations and now has <see cref="TotalAvailable"/>.</summary>
[IntegrationEvent("inventory", "back-in-stock")]
public sealed record BackInStock : IntegrationEvent
{
    public required string Sku { get; init; }

    public long TotalAvailable { get; init; }
}
