namespace SpaceOfSport.Catalog.Tests.Infrastructure;

public sealed class PostgresCatalogHost : CatalogHost
{
    protected override string Provider => "postgres";
}
