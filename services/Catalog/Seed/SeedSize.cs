namespace SpaceOfSport.Catalog.Seed;

/// <summary>A size as the seed writes it: the SKU's size code and the label shoppers see.</summary>
public sealed record SeedSize(string Code, string Label);
