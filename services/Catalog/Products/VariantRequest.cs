namespace SpaceOfSport.Catalog.Products;

/// <summary>Money in minor units of <see cref="Currency"/> (ISO 4217, default EUR); weight in grams, dimensions in mm.</summary>
public sealed record VariantRequest(
    string? Sku,
    string? Size,
    string? Colour,
    long? PriceMinor,
    string? Currency,
    long? CompareAtPriceMinor,
    int? WeightGrams,
    int? LengthMm,
    int? WidthMm,
    int? HeightMm);
