namespace SpaceOfSport.Catalog.Seed;

public enum SizeScheme
{
    /// <summary>EU 36–47 with US and UK equivalents.</summary>
    Shoe,

    /// <summary>XS–XXL.</summary>
    Apparel,

    /// <summary>Ball sizes 3–5.</summary>
    Ball,

    /// <summary>Racket grip sizes G1–G4.</summary>
    Grip,

    OneSize,
}
