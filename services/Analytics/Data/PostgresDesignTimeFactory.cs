using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Analytics.Data;

/// <summary>For <c>dotnet ef migrations add X --context PostgresAnalyticsDbContext -o Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresDesignTimeFactory : PostgresDesignTimeFactory<PostgresAnalyticsDbContext>;
