namespace SpaceOfSport.Catalog.Brands;

public sealed record BrandRequest(string? Name, string? Slug, string? Description);
