using SpaceOfSport.Catalog.Products;

namespace SpaceOfSport.Catalog.GraphQL;

public sealed class SearchFilterInput
{
    public string? Category { get; set; }

    public List<string>? Brands { get; set; }

    public List<string>? Sports { get; set; }

    public List<string>? Sizes { get; set; }

    public List<string>? Colours { get; set; }

    public AgeGroup? AgeGroup { get; set; }

    public long? MinPrice { get; set; }

    public long? MaxPrice { get; set; }

    public bool? InStock { get; set; }
}
