namespace SpaceOfSport.Catalog.Categories;

public sealed record CategoryTreeNode(Guid Id, string Name, string Slug, IReadOnlyList<CategoryTreeNode> Children);
