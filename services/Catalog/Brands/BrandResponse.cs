using SpaceOfSport.Catalog.Apis;

namespace SpaceOfSport.Catalog.Brands;

public sealed record BrandResponse(Guid Id, string Name, string Slug, string? Description, string ETag)
{
    public static BrandResponse From(Brand brand) => new(brand.Id, brand.Name, brand.Slug, brand.Description, ETags.Of(brand.Version));
}
