namespace SpaceOfSport.Catalog.Search;

public sealed record FacetValue(string Value, string Label, int Count);
