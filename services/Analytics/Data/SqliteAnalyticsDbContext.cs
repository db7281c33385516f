using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Analytics.Data;

/// <summary>The embedded profile's database (migrations in Data/Migrations/Sqlite).</summary>
public sealed class SqliteAnalyticsDbContext(DbContextOptions<SqliteAnalyticsDbContext> options) : AnalyticsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimesAsSortableIntegers();
}
