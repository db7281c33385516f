using SpaceOfSport.Catalog.Tests.Infrastructure;

namespace SpaceOfSport.Catalog.Tests.Api;

public sealed class CatalogApiOnSqliteTests(SqliteCatalogHost host) : CatalogApiTests<SqliteCatalogHost>(host);
