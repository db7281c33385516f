using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Catalog.Tests.Infrastructure;

/// <summary>A fresh, migrated catalog database on either provider; each context from it is a new unit of work.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _provider;
    private readonly string _connectionString;
    private readonly string? _folder;

    private TestDatabase(string provider, string connectionString, string? folder)
    {
        _provider = provider;
        _connectionString = connectionString;
        _folder = folder;
    }

    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        TestDatabase database;
        if (provider == "postgres")
        {
            database = new TestDatabase(provider, await PostgresServer.CreateDatabaseAsync("catalog"), null);
        }
        else
        {
            var folder = Directory.CreateTempSubdirectory("catalog-db-").FullName;
            database = new TestDatabase(provider, $"Data Source={Path.Combine(folder, "catalog.db")};Pooling=false", folder);
        }

        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public CatalogDbContext NewContext() => _provider == "postgres"
        ? new PostgresCatalogDbContext(new DbContextOptionsBuilder<PostgresCatalogDbContext>().UseNpgsql(_connectionString).Options)
        : new SqliteCatalogDbContext(new DbContextOptionsBuilder<SqliteCatalogDbContext>().UseSqlite(_connectionString).Options);

    public ValueTask DisposeAsync()
    {
        if (_folder is not null) Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
