namespace SpaceOfSport.Catalog.Search;

public sealed record SportRef(string Slug, string Name);
