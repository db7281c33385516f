using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Catalog.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqliteCatalogDbContext -o Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SqliteCatalogDbContext>;
