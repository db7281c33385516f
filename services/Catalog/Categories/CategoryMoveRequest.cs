namespace SpaceOfSport.Catalog.Categories;

/// <summary>Moves a category under <see cref="ParentId"/> (null: the root) at <see cref="Position"/> (0-based; default last).</summary>
public sealed record CategoryMoveRequest(Guid? ParentId, int? Position);
