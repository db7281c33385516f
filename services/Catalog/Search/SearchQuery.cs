using SpaceOfSport.Catalog.Products;

namespace SpaceOfSport.Catalog.Search;

/// <summary>
/// Full text plus filters. Variant-level filters (sizes, colours, in stock) must hold for one and the same variant;
/// prices are the effective ones (an active flash sale applied), in minor units.
/// </summary>
public sealed record SearchQuery
{
    public string? Text { get; init; }

    public string? CategorySlug { get; init; }

    public IReadOnlyList<string> Brands { get; init; } = [];

    public IReadOnlyList<string> Sports { get; init; } = [];

    public IReadOnlyList<string> Sizes { get; init; } = [];

    public IReadOnlyList<string> Colours { get; init; } = [];

    public AgeGroup? AgeGroup { get; init; }

    public long? MinPriceMinor { get; init; }

    public long? MaxPriceMinor { get; init; }

    public bool? InStock { get; init; }

    public SearchSort Sort { get; init; } = SearchSort.Relevance;

    public int First { get; init; } = 20;

    public int Offset { get; init; }
}
