using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Ordering.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqliteOrderingDbContext -o Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SqliteOrderingDbContext>;
