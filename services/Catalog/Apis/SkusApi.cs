using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Catalog.Categories;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.Products;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>
/// /api/skus: what a SKU costs right now (an active flash sale applied) with what pricing, tax, promotions and shipping
/// need about it, for the cart (read through Dapr service invocation). Public like every catalog read.
/// </summary>
public static class SkusApi
{
    /// <summary>The most SKUs one lookup takes: a full cart.</summary>
    public const int MaxSkusPerLookup = 100;

    public static IEndpointRouteBuilder MapSkusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/skus", LookupAsync).WithTags("Skus").WithName("LookupSkus")
            .WithSummary("Current prices and product facts of up to 100 SKUs; unknown SKUs are left out.");
        return app;
    }

    public static async Task<Results<Ok<SkuLookupResponse>, ValidationProblem>> LookupAsync(
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "sku")] string[]? skus, CatalogDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var wanted = (skus ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count is 0 or > MaxSkusPerLookup)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sku"] = [$"give 1 to {MaxSkusPerLookup} SKUs"] });

        var variants = await db.Variants.AsNoTracking().Include(v => v.Product).ThenInclude(p => p!.Category)
            .Where(v => wanted.Contains(v.Sku)).ToListAsync(cancellationToken);
        var categoryIds = variants.SelectMany(v => AncestorIds(v.Product!.Category!)).Distinct().ToList();
        var categories = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var activeSales = await db.FlashSales.AsNoTracking().Where(s => s.StartsAt <= now && s.EndsAt > now).ToListAsync(cancellationToken);

        var items = variants.Select(variant =>
        {
            var product = variant.Product!;
            var path = AncestorIds(product.Category!).Where(categories.ContainsKey).Select(id => categories[id]).ToList();
            // The cheapest active sale wins, as in search.
            var sale = activeSales.Where(s => s.Covers(product.Id, variant.Id)).OrderBy(s => s.Apply(variant.PriceMinor)).FirstOrDefault();
            return new SkuResponse(
                variant.Sku, product.Id, variant.Id, product.Name, variant.Size, variant.Colour, product.Status, product.AgeGroup,
                product.BrandId, product.CategoryId, [.. path.Select(c => c.Id)], [.. path.Select(c => c.Slug)],
                variant.PriceMinor, sale?.Apply(variant.PriceMinor) ?? variant.PriceMinor, variant.Currency,
                sale is null ? null : new SkuFlashSale(sale.Id, sale.Name, sale.PerCustomerLimit, sale.EndsAt),
                variant.WeightGrams, variant.LengthMm, variant.WidthMm, variant.HeightMm);
        }).OrderBy(s => s.Sku, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new SkuLookupResponse(items));
    }

    /// <summary>Root first, the category itself last (its materialized path).</summary>
    private static IEnumerable<Guid> AncestorIds(Category category) =>
        category.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse);
}
