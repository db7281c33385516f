namespace SpaceOfSport.Catalog.Tests.Infrastructure;

/// <summary>The embedded profile's first run: SQLite, seed catalog loaded because the database is empty.</summary>
public sealed class SeededCatalogHost : CatalogHost
{
    protected override string Provider => "sqlite";

    protected override bool Seed => true;
}
