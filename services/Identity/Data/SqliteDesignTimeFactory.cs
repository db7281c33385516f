using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SpaceOfSport.Identity.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqliteIdentityDbContext -o Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIdentityDbContext>
{
    public SqliteIdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIdentityDbContext>().UseSqlite("Data Source=design.db").Options);
}
