using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Events;
using SpaceOfSport.Analytics.Recommendations;

namespace SpaceOfSport.Analytics.Products;

/// <summary>
/// Keeps <see cref="ProductFacts"/> and the SKU → product mapping (with sizes and variant ids) as the catalog
/// announces product changes, inside the transaction that records the announcement: an older announcement delivered
/// late changes nothing.
/// </summary>
public static class ProductCatalog
{
    public static async Task ApplyAsync(
        AnalyticsDbContext db, Guid productId, DateTimeOffset asOf, (CatalogFactsReader.Product Product, IReadOnlyList<Guid> CategoryPath)? read, CancellationToken cancellationToken)
    {
        var facts = await db.ProductFacts.FindAsync([productId], cancellationToken);
        if (facts is not null && asOf < facts.AsOf) return;
        if (facts is null)
        {
            facts = new ProductFacts { ProductId = productId };
            db.ProductFacts.Add(facts);
        }
        facts.AsOf = asOf;
        if (read is not { } found)
        {
            facts.Active = false; // deleted in the catalog
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var (product, path) = found;
        var cheapest = product.Variants.OrderBy(v => v.PriceMinor).FirstOrDefault();
        facts.BrandId = product.BrandId;
        facts.CategoryId = product.CategoryId;
        facts.CategoryPath = [.. path];
        facts.TopCategoryId = path.Count > 0 ? path[0] : product.CategoryId;
        facts.SportIds = [.. product.SportIds];
        facts.PriceMinor = cheapest?.PriceMinor ?? 0;
        facts.Currency = cheapest?.Currency ?? "";
        facts.Active = string.Equals(product.Status, "active", StringComparison.OrdinalIgnoreCase);

        var skus = product.Variants.Select(v => v.Sku).ToList();
        var known = await db.SkuProducts.Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, cancellationToken);
        foreach (var variant in product.Variants)
        {
            if (known.TryGetValue(variant.Sku, out var mapping))
            {
                mapping.ProductId = product.Id;
                mapping.Size = SizeOf(variant.Size);
                mapping.VariantId = variant.Id;
            }
            else
            {
                db.SkuProducts.Add(new SkuProduct { Sku = variant.Sku, ProductId = product.Id, Size = SizeOf(variant.Size), VariantId = variant.Id });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Equipment without a size has none (the catalog's "one size" variants included).</summary>
    private static string? SizeOf(string size) =>
        string.IsNullOrWhiteSpace(size) || size.Equals("one size", StringComparison.OrdinalIgnoreCase) ? null : size[..Math.Min(size.Length, 16)];

    public static RecordedEvent Announcement(Guid eventId, Guid productId, DateTimeOffset occurredAt) => new()
    {
        Id = eventId,
        Type = EventTypes.ProductChanged,
        OccurredAt = occurredAt,
        ProductId = productId,
    };
}
