using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Audit.Data;

/// <summary>The embedded profile's database (migrations in Data/Migrations/Sqlite).</summary>
public sealed class SqliteAuditDbContext(DbContextOptions<SqliteAuditDbContext> options) : AuditDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimesAsSortableIntegers();
}
