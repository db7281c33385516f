namespace SpaceOfSport.Contracts.Events.Inventory;

/// <summary>Available stock of <see cref="Sku"/> at <see cref="Location"/> fell to or below its threshold.</summary>
[IntegrationEvent("inventory", "low-stock")]
public sealed record LowStock : IntegrationEvent
{
    public required string Sku { get; init; }

    public required string Location { get; init; }

    public long Available { get; init; }

    public int Threshold { get; init; }
}
