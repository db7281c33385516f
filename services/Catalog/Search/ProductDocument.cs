using SpaceOfSport.Catalog.Brands;
using SpaceOfSport.Catalog.Products;
using SpaceOfSport.Catalog.Stock;

namespace SpaceOfSport.Catalog.Search;

/// <summary>An active product as the search index holds it, with its weighted terms precomputed.</summary>
public sealed record ProductDocument(
    Guid Id,
    int Number,
    string Slug,
    string Name,
    string Description,
    string BrandSlug,
    string BrandName,
    Guid CategoryId,
    IReadOnlyList<Guid> CategoryPath,
    IReadOnlyList<SportRef> Sports,
    AgeGroup AgeGroup,
    IReadOnlyList<string> Images,
    IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset CreatedAt,
    int UnitsSold,
    IReadOnlyList<VariantDocument> Variants)
{
    /// <summary>Field weights: a hit in the name counts most, then the brand, then the description.</summary>
    public const float NameWeight = 3f, BrandWeight = 2f, DescriptionWeight = 1f;

    public IReadOnlyDictionary<string, float> Terms { get; } = WeightedTerms(Name, BrandName, Description);

    /// <summary>The document of a product loaded with its variants and sports; each SKU gets its slot in <paramref name="stock"/>.</summary>
    public static ProductDocument From(Product product, IReadOnlyDictionary<Guid, Brand> brands, IReadOnlyDictionary<Guid, CategoryNode> categories, StockLevels stock)
    {
        var brand = brands.GetValueOrDefault(product.BrandId);
        return new ProductDocument(
            product.Id, product.Number, product.Slug, product.Name, product.Description, brand?.Slug ?? "", brand?.Name ?? "",
            product.CategoryId, categories.TryGetValue(product.CategoryId, out var category) ? category.Ancestors : [product.CategoryId],
            [.. product.Sports.OrderBy(s => s.Name).Select(s => new SportRef(s.Slug, s.Name))],
            product.AgeGroup, product.Images, product.Attributes, product.CreatedAt, product.UnitsSold,
            [.. product.Variants.OrderBy(v => v.Sku, StringComparer.Ordinal).Select(v => new VariantDocument(
                v.Id, v.Sku, v.Size, v.Colour, v.PriceMinor, v.Currency, v.CompareAtPriceMinor, stock.SlotOf(v.Sku)))]);
    }

    /// <summary>The lowest list price of its variants: the price when no sale or variant filter applies.</summary>
    public long MinPriceMinor { get; } = Variants.Count == 0 ? 0 : Variants.Min(v => v.PriceMinor);

    public string Currency { get; } = Variants.Count == 0 ? "EUR" : Variants.MinBy(v => v.PriceMinor)!.Currency;

    public IReadOnlyList<string> Sizes { get; } = [.. Variants.Select(v => v.Size).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> Colours { get; } = [.. Variants.Select(v => v.Colour).Distinct(StringComparer.Ordinal)];

    private static Dictionary<string, float> WeightedTerms(string name, string brand, string description)
    {
        var terms = new Dictionary<string, float>();
        void Add(string text, float weight)
        {
            foreach (var term in Tokenizer.Tokens(text))
                terms[term] = Math.Max(weight, terms.GetValueOrDefault(term));
        }

        Add(description, DescriptionWeight);
        Add(brand, BrandWeight);
        Add(name, NameWeight);
        return terms;
    }
}
