using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Inventory.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqliteInventoryDbContext -o Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SqliteInventoryDbContext>;
