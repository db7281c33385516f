namespace SpaceOfSport.Catalog.Apis;

public sealed record CategoryTreeNode(Guid Id, string Name, string Slug, IReadOnlyList<CategoryTreeNode> Children);
