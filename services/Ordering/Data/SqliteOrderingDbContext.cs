using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Ordering.Data;

/// <summary>The embedded profile's database (migrations in Data/Migrations/Sqlite).</summary>
public sealed class SqliteOrderingDbContext(DbContextOptions<SqliteOrderingDbContext> options) : OrderingDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimesAsSortableIntegers();
}
