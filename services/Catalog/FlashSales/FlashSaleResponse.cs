using SpaceOfSport.Catalog.Apis;

namespace SpaceOfSport.Catalog.FlashSales;

/// <summary>
/// A flash sale. While it runs, reads add <see cref="UnitsStatus"/> (<c>available</c>, <c>low</c>, <c>out</c>) and
/// <see cref="RemainingUnits"/>, the units left over its SKUs: for anonymous callers only from
/// <see cref="FlashSaleStock.ExactUnitsFrom"/> up, as the hub tells them (a one-SKU sale's count is that SKU's exact stock).
/// </summary>
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
    string? UnitsStatus = null,
    long? RemainingUnits = null)
{
    public static FlashSaleResponse From(FlashSale sale) => new(
        sale.Id, sale.Name, sale.ProductIds, sale.VariantIds, sale.SalePriceMinor, sale.PercentOff, sale.StartsAt, sale.EndsAt,
        sale.PerCustomerLimit, sale.State, ETags.Of(sale.Version));

    /// <summary>The response with the units left when the sale is running now (exact for a signed-in caller).</summary>
    public static async Task<FlashSaleResponse> ReadAsync(FlashSale sale, FlashSaleStock stock, DateTimeOffset now, bool signedIn, CancellationToken cancellationToken)
    {
        var response = From(sale);
        if (sale.State != FlashSaleState.Started || !sale.IsActiveAt(now)) return response;
        var (remaining, _) = await stock.RemainingAsync(sale, cancellationToken);
        var status = FlashSaleStock.StatusOf(remaining);
        return response with { UnitsStatus = status, RemainingUnits = signedIn || remaining >= FlashSaleStock.ExactUnitsFrom ? remaining : null };
    }
}
