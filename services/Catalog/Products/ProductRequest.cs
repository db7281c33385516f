namespace SpaceOfSport.Catalog.Products;

/// <summary>Creates or replaces a product. <see cref="Variants"/> is read on create only (variants have their own routes).</summary>
public sealed record ProductRequest(
    string? Name,
    string? Slug,
    string? Description,
    Guid? BrandId,
    Guid? CategoryId,
    IReadOnlyList<Guid>? SportIds,
    AgeGroup? AgeGroup,
    ProductStatus? Status,
    Dictionary<string, string>? Attributes,
    IReadOnlyList<string>? Images,
    IReadOnlyList<VariantRequest>? Variants);
