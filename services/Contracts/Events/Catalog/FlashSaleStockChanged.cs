namespace SpaceOfSport.Contracts.Events.Catalog;

/// <summary>
/// The units left in a running flash sale changed (inventory reserved, committed, released or adjusted one of its SKUs):
/// <see cref="RemainingUnits"/> is what is still available over every SKU the sale covers, 0 when it sold out.
/// <see cref="AsOf"/> is the newest stock report the figure reflects: of two figures, the later one is right.
/// </summary>
[IntegrationEvent("catalog", "flash-sale-stock-changed")]
public sealed record FlashSaleStockChanged : IntegrationEvent
{
    public required Guid FlashSaleId { get; init; }

    public required long RemainingUnits { get; init; }

    public bool SoldOut => RemainingUnits == 0;

    public required DateTimeOffset AsOf { get; init; }
}
