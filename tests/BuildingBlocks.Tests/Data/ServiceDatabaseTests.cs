using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.BuildingBlocks.Tests.Data;

/// <summary>One database set-up for every service: the provider switch, its start-up errors, migration and WAL.</summary>
public sealed class ServiceDatabaseTests
{
    [Fact]
    public void An_unknown_provider_stops_the_start_naming_the_setting_and_the_known_providers()
    {
        var builder = Builder(new() { [ServiceDatabase.ProviderSetting] = "mssql" });

        var add = () => builder.AddServiceDatabase<ShopDbContext, SqliteShopDbContext, PostgresShopDbContext>("shop");

        add.Should().Throw<InvalidOperationException>().WithMessage("Database:Provider 'mssql' is not supported: use sqlite or postgres");
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_stops_the_start_naming_the_missing_setting()
    {
        var builder = Builder(new() { [ServiceDatabase.ProviderSetting] = "Postgres" });

        var add = () => builder.AddServiceDatabase<ShopDbContext, SqliteShopDbContext, PostgresShopDbContext>("shop");

        add.Should().Throw<InvalidOperationException>().WithMessage("ConnectionStrings:shop is required*");
    }

    [Fact]
    public async Task On_SQLite_the_provider_subclass_is_registered_and_migrating_leaves_the_file_in_WAL_mode()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("service-database-").FullName, "nested", "shop.db");
        var builder = Builder(new() { ["ConnectionStrings:shop"] = $"Data Source={file};Pooling=false" });
        builder.AddServiceDatabase<ShopDbContext, SqliteShopDbContext, PostgresShopDbContext>("shop");
        using var app = builder.Build();

        await app.MigrateDatabaseAsync<ShopDbContext>();

        await using (var scope = app.Services.CreateAsyncScope())
            scope.ServiceProvider.GetRequiredService<ShopDbContext>().Should().BeOfType<SqliteShopDbContext>();
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode;";
        (await pragma.ExecuteScalarAsync()).Should().Be("wal");
    }

    [Fact]
    public void A_context_outside_dependency_injection_is_the_provider_subclass()
    {
        ServiceDatabase.CreateContext<ShopDbContext, SqliteShopDbContext, PostgresShopDbContext>("sqlite", "Data Source=:memory:")
            .Should().BeOfType<SqliteShopDbContext>();
        ServiceDatabase.CreateContext<ShopDbContext, SqliteShopDbContext, PostgresShopDbContext>("postgres", "Host=localhost")
            .Should().BeOfType<PostgresShopDbContext>();
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    public abstract class ShopDbContext(DbContextOptions options) : DbContext(options);

    public sealed class SqliteShopDbContext(DbContextOptions<SqliteShopDbContext> options) : ShopDbContext(options);

    public sealed class PostgresShopDbContext(DbContextOptions<PostgresShopDbContext> options) : ShopDbContext(options);
}
