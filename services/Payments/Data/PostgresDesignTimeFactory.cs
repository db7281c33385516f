using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SpaceOfSport.Payments.Data;

/// <summary>For <c>dotnet ef migrations add X --context PostgresPaymentsDbContext -o Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPaymentsDbContext>
{
    public PostgresPaymentsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPaymentsDbContext>().UseNpgsql("Host=localhost;Database=payments").Options);
}
