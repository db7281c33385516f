using SpaceOfSport.Catalog.Apis;

namespace SpaceOfSport.Catalog.FlashSales;

public sealed record FlashSaleResponse(
    Guid Id,
    string Name,
    IReadOnlyList<Guid> ProductIds,
    IReadOnlyList<Guid> VariantIds,
    long? SalePriceMinor,
    int? PercentOff,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int? PerCustomerLimit,
    FlashSaleState State,
    string ETag)
{
    public static FlashSaleResponse From(FlashSale sale) => new(
        sale.Id, sale.Name, sale.ProductIds, sale.VariantIds, sale.SalePriceMinor, sale.PercentOff, sale.StartsAt, sale.EndsAt,
        sale.PerCustomerLimit, sale.State, ETags.Of(sale.Version));
}
