using SpaceOfSport.Catalog.Tests.Infrastructure;

namespace SpaceOfSport.Catalog.Tests.Api;

public sealed class CatalogApiOnPostgresTests(PostgresCatalogHost host) : CatalogApiTests<PostgresCatalogHost>(host);
