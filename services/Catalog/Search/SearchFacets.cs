namespace SpaceOfSport.Catalog.Search;

/// <summary>Counts of matching products per value (a product counts once per value, in every ancestor category).</summary>
public sealed record SearchFacets(
    IReadOnlyList<FacetValue> Categories,
    IReadOnlyList<FacetValue> Brands,
    IReadOnlyList<FacetValue> Sports,
    IReadOnlyList<FacetValue> Sizes,
    IReadOnlyList<FacetValue> Colours,
    IReadOnlyList<FacetValue> PriceBands,
    IReadOnlyList<FacetValue> InStock);
