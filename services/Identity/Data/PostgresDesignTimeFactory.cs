using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SpaceOfSport.Identity.Data;

/// <summary>For <c>dotnet ef migrations add X --context PostgresIdentityDbContext -o Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIdentityDbContext>
{
    public PostgresIdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIdentityDbContext>().UseNpgsql("Host=localhost;Database=identity").Options);
}
