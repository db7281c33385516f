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
