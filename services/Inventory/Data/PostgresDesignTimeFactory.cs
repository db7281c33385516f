using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SpaceOfSport.Inventory.Data;

/// <summary>For <c>dotnet ef migrations add X --context PostgresInventoryDbContext -o Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresInventoryDbContext>
{
    public PostgresInventoryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresInventoryDbContext>().UseNpgsql("Host=localhost;Database=inventory").Options);
}
