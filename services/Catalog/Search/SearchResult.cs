namespace SpaceOfSport.Catalog.Search;

public sealed record SearchResult(int TotalCount, IReadOnlyList<PricedProduct> Items, int NextOffset, bool HasNextPage, SearchFacets Facets);
