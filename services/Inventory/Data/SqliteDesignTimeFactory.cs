using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SpaceOfSport.Inventory.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqliteInventoryDbContext -o Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteInventoryDbContext>
{
    public SqliteInventoryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteInventoryDbContext>().UseSqlite("Data Source=design.db").Options);
}
