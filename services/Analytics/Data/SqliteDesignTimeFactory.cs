using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Analytics.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqliteAnalyticsDbContext -o Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SqliteAnalyticsDbContext>;
