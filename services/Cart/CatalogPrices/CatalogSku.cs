namespace SpaceOfSport.Cart.CatalogPrices;

/// <summary>
/// A SKU as the catalog sells it now (its <c>GET /api/skus</c> answer): <see cref="PriceMinor"/> is what to charge, an
/// active flash sale applied; categories run from the root to the product's own.
/// </summary>
public sealed record CatalogSku(
    string Sku,
    Guid ProductId,
    Guid VariantId,
    string ProductName,
    string Size,
    string Colour,
    string Status,
    string AgeGroup,
    Guid BrandId,
    Guid CategoryId,
    IReadOnlyList<Guid> CategoryPath,
    IReadOnlyList<string> CategorySlugs,
    long ListPriceMinor,
    long PriceMinor,
    string Currency,
    CatalogFlashSale? FlashSale,
    int WeightGrams,
    int LengthMm,
    int WidthMm,
    int HeightMm)
{
    /// <summary>Only active products are sold; drafts and archived ones count as unknown to a shopper.</summary>
    public bool IsSellable => string.Equals(Status, "Active", StringComparison.OrdinalIgnoreCase);
}

public sealed record CatalogFlashSale(Guid Id, string Name, int? PerCustomerLimit, DateTimeOffset EndsAt);

public sealed record CatalogSkuLookup(IReadOnlyList<CatalogSku> Items);
