using SpaceOfSport.Catalog.Apis;

namespace SpaceOfSport.Catalog.Products;

public sealed record VariantResponse(
    Guid Id,
    Guid ProductId,
    string Sku,
    string Size,
    string Colour,
    long PriceMinor,
    string Currency,
    long? CompareAtPriceMinor,
    int WeightGrams,
    int LengthMm,
    int WidthMm,
    int HeightMm,
    string ETag)
{
    public static VariantResponse From(Variant variant) => new(
        variant.Id, variant.ProductId, variant.Sku, variant.Size, variant.Colour, variant.PriceMinor, variant.Currency,
        variant.CompareAtPriceMinor, variant.WeightGrams, variant.LengthMm, variant.WidthMm, variant.HeightMm, ETags.Of(variant.Version));
}
