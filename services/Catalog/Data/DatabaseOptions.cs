namespace SpaceOfSport.Catalog.Data;

/// <summary>
/// Configuration section <c>Database</c>: the seed. The provider (<c>Database:Provider</c>) is read by
/// <see cref="SpaceOfSport.BuildingBlocks.Data.ServiceDatabase"/>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Load the seed catalog when the database is empty: the demo profile's (Development) setting, off otherwise.</summary>
    public bool Seed { get; set; }

    /// <summary>How many products the seed makes (about ten variants each); benchmarks raise it.</summary>
    public int SeedProducts { get; set; } = 1200;
}
