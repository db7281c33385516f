namespace SpaceOfSport.Contracts.Events.Catalog;

/// <summary>A flash sale's end time came (or it was deleted while running): list prices apply again.</summary>
[IntegrationEvent("catalog", "flash-sale-ended")]
public sealed record FlashSaleEnded : IntegrationEvent
{
    public required Guid FlashSaleId { get; init; }

    public required IReadOnlyList<Guid> ProductIds { get; init; }

    public required IReadOnlyList<Guid> VariantIds { get; init; }

    public required DateTimeOffset EndedAt { get; init; }
}
