namespace SpaceOfSport.Catalog.Seed;

/// <summary>A kind of product the seed makes: where it sits, how it is sized, what it costs and weighs.</summary>
public sealed record ProductTemplate(
    string Sport,
    string CategorySlug,
    string Noun,
    string ImageKind,
    SizeScheme Sizes,
    long MinPriceMinor,
    long MaxPriceMinor,
    int WeightGrams,
    (int Length, int Width, int Height) DimensionsMm,
    string Material,
    string Feature);
