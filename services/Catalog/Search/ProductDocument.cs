using SpaceOfSport.Catalog.Model;

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
