using SpaceOfSport.Catalog.Categories;

namespace SpaceOfSport.Catalog.Search;

/// <summary>A category as the index holds it; <see cref="Ancestors"/> runs from the root down to this node.</summary>
public sealed record CategoryNode(Guid Id, Guid? ParentId, string Slug, string Name, int Depth, int SortOrder, IReadOnlyList<Guid> Ancestors)
{
    public static CategoryNode From(Category category) => new(category.Id, category.ParentId, category.Slug, category.Name, category.Depth,
        category.SortOrder, [.. category.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment => Guid.ParseExact(segment, "N"))]);
}
