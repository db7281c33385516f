namespace SpaceOfSport.Catalog.Tests.Infrastructure;

public sealed class SqliteCatalogHost : CatalogHost
{
    protected override string Provider => "sqlite";
}
