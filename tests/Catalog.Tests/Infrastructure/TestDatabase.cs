using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Data;
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

    public static TheoryData<string> Providers => TestDatabases.Providers;

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        var connectionString = await TestDatabases.CreateAsync(provider, "catalog");
        var folder = provider == TestDatabases.Sqlite ? Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource) : null;
        // No pooling, so the SQLite file is closed and its folder can be deleted at the end.
        var database = new TestDatabase(provider, folder is null ? connectionString : connectionString + ";Pooling=false", folder);
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public CatalogDbContext NewContext() =>
        ServiceDatabase.CreateContext<CatalogDbContext, SqliteCatalogDbContext, PostgresCatalogDbContext>(_provider, _connectionString);

    public ValueTask DisposeAsync()
    {
        if (_folder is not null) Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
