namespace SpaceOfSport.Catalog.Seed;

/// <summary>A colour as the seed writes it: the SKU's colour code, the name, and the image colour.</summary>
public sealed record SeedColour(string Code, string Name, string ImageColour);
