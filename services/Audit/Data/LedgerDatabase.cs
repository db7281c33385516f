using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Audit.Data;

/// <summary>
/// The ledger's database and its permissions. Migrations run as the owner (<see cref="OwnerConnection"/>); the service
/// itself writes as <see cref="WriterRole"/> on PostgreSQL, and on SQLite triggers refuse updates and deletes.
/// </summary>
public static class LedgerDatabase
{
    public const string Service = "audit";

    /// <summary>The connection string that owns the tables (migrations only).</summary>
    public const string OwnerConnection = "audit_owner";

    /// <summary>The PostgreSQL role the service writes as: SELECT and INSERT on the ledger's tables, nothing else.</summary>
    public const string WriterRole = "audit_ledger_writer";

    /// <summary>Applies pending migrations as the owner (the writer role cannot create tables), then WAL on SQLite.</summary>
    public static async Task MigrateLedgerDatabaseAsync(this IHost app, CancellationToken cancellationToken = default)
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var provider = configuration[ServiceDatabase.ProviderSetting] ?? ServiceDatabase.Sqlite;
        if (!string.Equals(provider, ServiceDatabase.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            await app.MigrateDatabaseAsync<AuditDbContext>(cancellationToken);
            return;
        }

        await using var owner = ServiceDatabase.CreateContext<AuditDbContext, SqliteAuditDbContext, PostgresAuditDbContext>(
            provider, configuration.GetConnectionString(OwnerConnection)!);
        await owner.Database.MigrateAsync(cancellationToken);
    }
}
