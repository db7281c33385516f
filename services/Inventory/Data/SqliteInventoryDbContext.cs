using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Inventory.Data;

/// <summary>The embedded profile's database (migrations in Data/Migrations/Sqlite).</summary>
public sealed class SqliteInventoryDbContext(DbContextOptions<SqliteInventoryDbContext> options) : InventoryDbContext(options)
{
    /// <summary>
    /// Nothing to take: Microsoft.Data.Sqlite begins transactions with <c>BEGIN IMMEDIATE</c>, so a writing transaction
    /// already holds the database's one write lock from its start to its end.
    /// </summary>
    public override Task LockSkusAsync(IEnumerable<string> skus, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimesAsSortableIntegers();
}
