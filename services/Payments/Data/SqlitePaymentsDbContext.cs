using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Payments.Data;

/// <summary>The embedded profile's database (migrations in Data/Migrations/Sqlite).</summary>
public sealed class SqlitePaymentsDbContext(DbContextOptions<SqlitePaymentsDbContext> options) : PaymentsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimesAsSortableIntegers();
}
