using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Audit.Data;

/// <summary>For <c>dotnet ef migrations add X --context PostgresAuditDbContext -o Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresDesignTimeFactory : PostgresDesignTimeFactory<PostgresAuditDbContext>;
