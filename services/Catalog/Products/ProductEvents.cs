using SpaceOfSport.Contracts.Events.Catalog;

namespace SpaceOfSport.Catalog.Products;

public static class ProductEvents
{
    /// <summary>The product-changed event for a product as it is now (its SKUs in ordinal order).</summary>
    public static ProductChanged Changed(Product product) => new()
    {
        ProductId = product.Id,
        Slug = product.Slug,
        Name = product.Name,
        Status = product.Status.ToString().ToLowerInvariant(),
        Skus = [.. product.Variants.Select(v => v.Sku).Order(StringComparer.Ordinal)],
    };
}
