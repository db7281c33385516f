using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Inventory.Data;

/// <summary>For <c>dotnet ef migrations add X --context PostgresInventoryDbContext -o Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresDesignTimeFactory : PostgresDesignTimeFactory<PostgresInventoryDbContext>;
