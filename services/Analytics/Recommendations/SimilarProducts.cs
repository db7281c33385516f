using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Products;

namespace SpaceOfSport.Analytics.Recommendations;

/// <summary>
/// Products like the seeds, from the catalog's facts alone (no behaviour needed, so it fills in when co-purchases and
/// views say too little): within the seed's category tree, scored 0.5 × how deep the category paths agree (1 = same
/// category) + 0.2 same brand + 0.2 same price band (the cheaper at least <see cref="PriceBandRatio"/> of the dearer,
/// same currency) + 0.1 a sport in common. Only active products; the seeds themselves never.
/// </summary>
public sealed class SimilarProducts(AnalyticsDbContext db)
{
    public const double PriceBandRatio = 0.67;

    /// <summary>How many products of a category tree are compared at most (the cheapest reads first are not preferred: by id).</summary>
    public const int MaxCandidates = 2_000;

    public async Task<IReadOnlyList<RecommendedProduct>> ToAsync(IReadOnlyCollection<Guid> seeds, IReadOnlySet<Guid> excluded, int limit, CancellationToken cancellationToken)
    {
        if (seeds.Count == 0) return [];
        var seedFacts = await db.ProductFacts.AsNoTracking().Where(f => seeds.Contains(f.ProductId)).ToListAsync(cancellationToken);
        if (seedFacts.Count == 0) return [];
        var trees = seedFacts.Select(f => f.TopCategoryId).Distinct().ToList();
        var candidates = await db.ProductFacts.AsNoTracking().Where(f => f.Active && trees.Contains(f.TopCategoryId))
            .OrderBy(f => f.ProductId).Take(MaxCandidates).ToListAsync(cancellationToken);
        return [.. candidates.Where(c => !seeds.Contains(c.ProductId) && !excluded.Contains(c.ProductId))
            .Select(c => new RecommendedProduct(c.ProductId, seedFacts.Max(seed => Similarity(seed, c)), "similar"))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score).ThenBy(r => r.ProductId).Take(limit)];
    }

    /// <summary>0 for products in different category trees, else in (0, 1].</summary>
    public static double Similarity(ProductFacts a, ProductFacts b)
    {
        var common = a.CategoryPath.Zip(b.CategoryPath).TakeWhile(pair => pair.First == pair.Second).Count();
        if (common == 0) return 0;
        var category = (double)common / Math.Max(a.CategoryPath.Count, b.CategoryPath.Count);
        var brand = a.BrandId == b.BrandId ? 1 : 0;
        var price = a.Currency == b.Currency && a.PriceMinor > 0 && b.PriceMinor > 0
            && (double)Math.Min(a.PriceMinor, b.PriceMinor) / Math.Max(a.PriceMinor, b.PriceMinor) >= PriceBandRatio ? 1 : 0;
        var sport = a.SportIds.Intersect(b.SportIds).Any() ? 1 : 0;
        return 0.5 * category + 0.2 * brand + 0.2 * price + 0.1 * sport;
    }
}
