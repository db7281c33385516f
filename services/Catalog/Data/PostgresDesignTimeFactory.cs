using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Catalog.Data;

/// <summary>For <c>dotnet ef migrations add X --context PostgresCatalogDbContext -o Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresDesignTimeFactory : PostgresDesignTimeFactory<PostgresCatalogDbContext>;
