using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Payments.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqlitePaymentsDbContext -o Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SqlitePaymentsDbContext>;
