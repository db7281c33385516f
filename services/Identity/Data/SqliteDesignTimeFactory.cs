using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Identity.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqliteIdentityDbContext -o Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SqliteIdentityDbContext>;
