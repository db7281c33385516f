using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Ordering.Data;

/// <summary>For <c>dotnet ef migrations add X --context PostgresOrderingDbContext -o Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresDesignTimeFactory : PostgresDesignTimeFactory<PostgresOrderingDbContext>;
