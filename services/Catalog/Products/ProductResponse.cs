using SpaceOfSport.Catalog.Apis;

namespace SpaceOfSport.Catalog.Products;

public sealed record ProductResponse(
    Guid Id,
    int Number,
    string Name,
    string Slug,
    string Description,
    Guid BrandId,
    Guid CategoryId,
    IReadOnlyList<Guid> SportIds,
    AgeGroup AgeGroup,
    ProductStatus Status,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> Images,
    int UnitsSold,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string ETag,
    IReadOnlyList<VariantResponse> Variants)
{
    public static ProductResponse From(Product product) => new(
        product.Id, product.Number, product.Name, product.Slug, product.Description, product.BrandId, product.CategoryId,
        [.. product.Sports.Select(s => s.Id)], product.AgeGroup, product.Status, product.Attributes, product.Images,
        product.UnitsSold, product.CreatedAt, product.UpdatedAt, ETags.Of(product.Version),
        [.. product.Variants.OrderBy(v => v.Sku, StringComparer.Ordinal).Select(VariantResponse.From)]);
}
