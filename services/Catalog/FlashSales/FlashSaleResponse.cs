using SpaceOfSport.Catalog.Apis;

namespace SpaceOfSport.Catalog.FlashSales;

/// <summary>A flash sale; <see cref="RemainingUnits"/> (units left over its SKUs) only while it runs, in reads.</summary>
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
    string ETag,
    long? RemainingUnits)
{
    public static FlashSaleResponse From(FlashSale sale, long? remainingUnits = null) => new(
        sale.Id, sale.Name, sale.ProductIds, sale.VariantIds, sale.SalePriceMinor, sale.PercentOff, sale.StartsAt, sale.EndsAt,
        sale.PerCustomerLimit, sale.State, ETags.Of(sale.Version), remainingUnits);

    /// <summary>The response with the units left when the sale is running now.</summary>
    public static async Task<FlashSaleResponse> ReadAsync(FlashSale sale, FlashSaleStock stock, DateTimeOffset now, CancellationToken cancellationToken) =>
        From(sale, sale.State == FlashSaleState.Started && sale.IsActiveAt(now) ? (await stock.RemainingAsync(sale, cancellationToken)).Remaining : null);
}
