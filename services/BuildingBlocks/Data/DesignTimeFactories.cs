using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SpaceOfSport.BuildingBlocks.Data;

/// <summary>
/// What <c>dotnet ef migrations add X --context SqliteXDbContext -o Data/Migrations/Sqlite</c> builds the SQLite context
/// with: a service declares <c>public sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory&lt;SqliteXDbContext&gt;;</c>.
/// </summary>
public abstract class SqliteDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        ServiceDatabase.Create(new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>
/// The PostgreSQL twin of <see cref="SqliteDesignTimeFactory{TContext}"/>; adding a migration needs no server.
/// </summary>
public abstract class PostgresDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        ServiceDatabase.Create(new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
