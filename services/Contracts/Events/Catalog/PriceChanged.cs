namespace SpaceOfSport.Contracts.Events.Catalog;

/// <summary>A variant's list price changed (money in minor units of <see cref="Currency"/>).</summary>
[IntegrationEvent("catalog", "price-changed")]
public sealed record PriceChanged : IntegrationEvent
{
    public required Guid ProductId { get; init; }

    public required Guid VariantId { get; init; }

    public required string Sku { get; init; }

    public required long OldPriceMinor { get; init; }

    public required long NewPriceMinor { get; init; }

    public required string Currency { get; init; }
}
