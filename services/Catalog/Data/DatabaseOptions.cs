namespace SpaceOfSport.Catalog.Data;

/// <summary>Configuration section <c>Database</c>: which provider (<c>sqlite</c>, the default, or <c>postgres</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public string Provider { get; set; } = "sqlite";

    /// <summary>Load the seed catalog when the database is empty: the demo profile's (Development) setting, off otherwise.</summary>
    public bool Seed { get; set; }

    /// <summary>How many products the seed makes (about ten variants each); benchmarks raise it.</summary>
    public int SeedProducts { get; set; } = 1200;
}
