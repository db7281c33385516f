using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Events;

namespace SpaceOfSport.Analytics.Recommendations;

/// <summary>
/// Recommendations from the co-purchase model (docs/decisions/0010-recommendations-from-co-purchases.md): lift =
/// P(A and B) / (P(A) P(B)) over paid orders, pairs below the minimum support left out; then similar products (in
/// stock) when that says too little, then best sellers to fill and for a cold start. Personal ones are seeded by what the customer bought and viewed, exclude what they bought, and keep only
/// products with a SKU in stock in the customer's sizes (learnt from the sizes they bought).
/// </summary>
public sealed class Recommender(AnalyticsDbContext db, SimilarProducts similar, IOptions<RecommendationOptions> options)
{
    public async Task<IReadOnlyList<RecommendedProduct>> ForProductAsync(Guid productId, int first, CancellationToken cancellationToken)
    {
        var together = await LiftsAsync([productId], cancellationToken);
        var picked = together.Select(p => new RecommendedProduct(p.Key, p.Value, "bought-together"))
            .OrderByDescending(p => p.Score).ThenBy(p => p.ProductId).Take(first).ToList();
        var inStock = (IReadOnlyList<Guid> candidates, CancellationToken token) => InStockInSizesAsync(candidates, new HashSet<string>(), token);
        await FillWithSimilarAsync(picked, [productId], [productId], first, inStock, cancellationToken);
        return await FillWithBestSellersAsync(picked, [productId], first, _ => true, cancellationToken);
    }

    public async Task<IReadOnlyList<RecommendedProduct>> ForCustomerAsync(Guid userId, int first, CancellationToken cancellationToken)
    {
        var history = await db.Events.AsNoTracking()
            .Where(e => e.UserId == userId && (e.Type == EventTypes.OrderPaid || e.Type == EventTypes.ProductViewed || e.Type == EventTypes.AddedToCart))
            .OrderByDescending(e => e.OccurredAt).Take(1_000).ToListAsync(cancellationToken);
        var boughtSkus = history.Where(e => e.Type == EventTypes.OrderPaid).SelectMany(e => e.Lines.Select(l => l.Sku)).Distinct().ToList();
        var boughtMappings = await db.SkuProducts.AsNoTracking().Where(p => boughtSkus.Contains(p.Sku)).ToListAsync(cancellationToken);
        var bought = boughtMappings.Select(p => p.ProductId).ToHashSet();
        var sizes = boughtMappings.Select(p => p.Size).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var viewed = history.Where(e => e.ProductId is not null && e.Type != EventTypes.OrderPaid).Select(e => e.ProductId!.Value)
            .Distinct().Take(options.Value.RecentViews).ToList();

        var scores = new Dictionary<Guid, double>();
        foreach (var (seed, weight) in bought.Select(p => (p, options.Value.BoughtWeight)).Concat(viewed.Select(p => (p, 1.0))))
        {
            foreach (var (product, lift) in await LiftsAsync([seed], cancellationToken))
                scores[product] = scores.GetValueOrDefault(product) + weight * lift;
        }
        // Viewed and not bought is a signal of its own, below any co-purchase evidence.
        foreach (var product in viewed) scores[product] = scores.GetValueOrDefault(product) + 0.5;

        var wearable = await InStockInSizesAsync([.. scores.Keys], sizes, cancellationToken);
        var picked = scores.Where(s => !bought.Contains(s.Key) && wearable.Contains(s.Key))
            .Select(s => new RecommendedProduct(s.Key, s.Value, "for-you"))
            .OrderByDescending(p => p.Score).ThenBy(p => p.ProductId).Take(first).ToList();
        var wearableNow = (IReadOnlyList<Guid> candidates, CancellationToken token) => InStockInSizesAsync(candidates, sizes, token);
        await FillWithSimilarAsync(picked, [.. bought, .. viewed], bought, first, wearableNow, cancellationToken);
        return await FillWithBestSellersAsync(picked, bought, first, wearableNow, cancellationToken);
    }

    /// <summary>Adds products similar to <paramref name="seeds"/> that <paramref name="allowed"/> keeps, until <paramref name="first"/>.</summary>
    private async Task FillWithSimilarAsync(
        List<RecommendedProduct> picked, IReadOnlyCollection<Guid> seeds, IReadOnlyCollection<Guid> excluded, int first,
        Func<IReadOnlyList<Guid>, CancellationToken, Task<HashSet<Guid>>> allowed, CancellationToken cancellationToken)
    {
        if (picked.Count >= first) return;
        var taken = picked.Select(p => p.ProductId).Concat(excluded).ToHashSet();
        var alike = await similar.ToAsync(seeds, taken, first * 4, cancellationToken);
        var fit = await allowed([.. alike.Select(a => a.ProductId)], cancellationToken);
        picked.AddRange(alike.Where(a => fit.Contains(a.ProductId)).Take(first - picked.Count));
    }

    /// <summary>Partners of the seeds with their lift, at or above the minimum support.</summary>
    private async Task<Dictionary<Guid, double>> LiftsAsync(IReadOnlyList<Guid> seeds, CancellationToken cancellationToken)
    {
        var minSupport = options.Value.MinSupport;
        var pairs = await db.CoPurchases.AsNoTracking().Where(c => seeds.Contains(c.ProductId) && c.Orders >= minSupport).ToListAsync(cancellationToken);
        if (pairs.Count == 0) return [];
        var products = pairs.Select(p => p.ProductId).Concat(pairs.Select(p => p.OtherProductId)).Distinct().ToList();
        var marginals = await db.ProductPurchases.AsNoTracking().Where(p => products.Contains(p.ProductId)).ToDictionaryAsync(p => p.ProductId, p => p.Orders, cancellationToken);
        var total = await TotalOrdersAsync(cancellationToken);
        return pairs.Where(p => !seeds.Contains(p.OtherProductId))
            .GroupBy(p => p.OtherProductId)
            .ToDictionary(g => g.Key, g => g.Max(p => (double)p.Orders * total / (marginals.GetValueOrDefault(p.ProductId, 1) * marginals.GetValueOrDefault(p.OtherProductId, 1))));
    }

    private async Task<IReadOnlyList<RecommendedProduct>> FillWithBestSellersAsync(
        List<RecommendedProduct> picked, IReadOnlyCollection<Guid> excluded, int first, Func<IReadOnlyList<Guid>, CancellationToken, Task<HashSet<Guid>>> allowed, CancellationToken cancellationToken)
    {
        if (picked.Count >= first) return picked;
        var taken = picked.Select(p => p.ProductId).Concat(excluded).ToHashSet();
        var best = await db.ProductPurchases.AsNoTracking().Where(p => !taken.Contains(p.ProductId))
            .OrderByDescending(p => p.Orders).ThenBy(p => p.ProductId).Take(first * 4).ToListAsync(cancellationToken);
        var fit = await allowed([.. best.Select(b => b.ProductId)], cancellationToken);
        picked.AddRange(best.Where(b => fit.Contains(b.ProductId)).Take(first - picked.Count).Select(b => new RecommendedProduct(b.ProductId, 0, "best-seller")));
        return picked;
    }

    private Task<IReadOnlyList<RecommendedProduct>> FillWithBestSellersAsync(
        List<RecommendedProduct> picked, IReadOnlyCollection<Guid> excluded, int first, Func<Guid, bool> allowed, CancellationToken cancellationToken) =>
        FillWithBestSellersAsync(picked, excluded, first, (candidates, _) => Task.FromResult(candidates.Where(allowed).ToHashSet()), cancellationToken);

    /// <summary>
    /// The candidates with a SKU whose last stock report is above zero, in one of <paramref name="sizes"/> (or one
    /// without a size, such as equipment) when the customer's sizes are known.
    /// </summary>
    private async Task<HashSet<Guid>> InStockInSizesAsync(IReadOnlyList<Guid> candidates, IReadOnlySet<string> sizes, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0) return [];
        var skus = await (from mapping in db.SkuProducts.AsNoTracking()
                          join stock in db.SkuStocks.AsNoTracking() on mapping.Sku equals stock.Sku
                          where candidates.Contains(mapping.ProductId) && stock.TotalAvailable > 0
                          select new { mapping.ProductId, mapping.Size }).ToListAsync(cancellationToken);
        return [.. skus.Where(s => sizes.Count == 0 || s.Size is null || sizes.Contains(s.Size)).Select(s => s.ProductId)];
    }

    /// <summary>Paid orders the model counted: the sum over products would count multi-product orders twice, so the rollups' order count is used.</summary>
    private async Task<long> TotalOrdersAsync(CancellationToken cancellationToken) =>
        Math.Max(1, await db.Rollups.AsNoTracking().Where(r => r.Metric == Rollups.Metrics.Orders && r.Granularity == Rollups.Rollup.Day).SumAsync(r => r.EventCount, cancellationToken));
}
