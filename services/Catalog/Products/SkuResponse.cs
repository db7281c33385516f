namespace SpaceOfSport.Catalog.Products;

public sealed record SkuLookupResponse(IReadOnlyList<SkuResponse> Items);

/// <summary>
/// One SKU as it sells now: <see cref="PriceMinor"/> is the price to charge (an active flash sale applied),
/// <see cref="ListPriceMinor"/> the price without it. Categories run from the root to the product's own.
/// </summary>
public sealed record SkuResponse(
    string Sku,
    Guid ProductId,
    Guid VariantId,
    string ProductName,
    string Size,
    string Colour,
    ProductStatus Status,
    AgeGroup AgeGroup,
    Guid BrandId,
    Guid CategoryId,
    IReadOnlyList<Guid> CategoryPath,
    IReadOnlyList<string> CategorySlugs,
    long ListPriceMinor,
    long PriceMinor,
    string Currency,
    SkuFlashSale? FlashSale,
    int WeightGrams,
    int LengthMm,
    int WidthMm,
    int HeightMm);

/// <summary>The flash sale that sets a SKU's price now, with its per-customer limit (units at the sale price).</summary>
public sealed record SkuFlashSale(Guid Id, string Name, int? PerCustomerLimit, DateTimeOffset EndsAt);
