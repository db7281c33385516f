using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Payments.Data;

/// <summary>For <c>dotnet ef migrations add X --context PostgresPaymentsDbContext -o Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresDesignTimeFactory : PostgresDesignTimeFactory<PostgresPaymentsDbContext>;
