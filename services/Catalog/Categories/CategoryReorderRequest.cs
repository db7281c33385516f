namespace SpaceOfSport.Catalog.Categories;

/// <summary>Moves a category to <see cref="Position"/> (0-based) among its siblings.</summary>
public sealed record CategoryReorderRequest(int? Position);
