namespace SpaceOfSport.Catalog.Apis;

public sealed record BrandRequest(string? Name, string? Slug, string? Description);
