using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Audit.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqliteAuditDbContext -o Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SqliteAuditDbContext>;
