using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Identity.Data;

/// <summary>For <c>dotnet ef migrations add X --context PostgresIdentityDbContext -o Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresDesignTimeFactory : PostgresDesignTimeFactory<PostgresIdentityDbContext>;
