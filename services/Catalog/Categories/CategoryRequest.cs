namespace SpaceOfSport.Catalog.Categories;

/// <summary>Creates a category (under <see cref="ParentId"/>, or at the root) or renames one (the parent is ignored: use move).</summary>
public sealed record CategoryRequest(string? Name, string? Slug, Guid? ParentId);
