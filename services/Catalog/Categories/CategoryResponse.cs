using SpaceOfSport.Catalog.Apis;

namespace SpaceOfSport.Catalog.Categories;

public sealed record CategoryResponse(Guid Id, Guid? ParentId, string Name, string Slug, int Depth, int SortOrder, string ETag)
{
    public static CategoryResponse From(Category category) =>
        new(category.Id, category.ParentId, category.Name, category.Slug, category.Depth, category.SortOrder, ETags.Of(category.Version));
}
