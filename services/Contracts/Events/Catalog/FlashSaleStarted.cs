namespace SpaceOfSport.Contracts.Events.Catalog;

/// <summary>A flash sale's start time came: its prices apply until <see cref="EndsAt"/>.</summary>
[IntegrationEvent("catalog", "flash-sale-started")]
public sealed record FlashSaleStarted : IntegrationEvent
{
    public required Guid FlashSaleId { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<Guid> ProductIds { get; init; }

    public required IReadOnlyList<Guid> VariantIds { get; init; }

    public long? SalePriceMinor { get; init; }

    public int? PercentOff { get; init; }

    public int? PerCustomerLimit { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset EndsAt { get; init; }
}
