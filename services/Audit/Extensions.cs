using Npgsql;
using SoapCore;
using SpaceOfSport.Audit.Checkpoints;
using SpaceOfSport.Audit.Data;
using SpaceOfSport.Audit.Ledger;
using SpaceOfSport.Audit.Soap;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Security;

namespace SpaceOfSport.Audit;

public static class Extensions
{
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Reads need identity's audit:read permission (policies named after permissions).
        builder.AddJwtAuthentication();
        services.AddGrpc();
        services.AddGrpcHealthChecks().AddCheck("audit", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());

        builder.UseLedgerWriterRole();
        builder.AddServiceDatabase<AuditDbContext, SqliteAuditDbContext, PostgresAuditDbContext>(LedgerDatabase.Service);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<AuditOptions>().Bind(builder.Configuration.GetSection(AuditOptions.Section));
        services.AddOptions<CheckpointOptions>().Bind(builder.Configuration.GetSection(CheckpointOptions.Section));
        services.AddSingleton<LedgerWriter>();
        services.AddScoped<LedgerReader>();
        services.AddScoped<ChainVerifier>();
        services.AddSingleton<CheckpointKeys>();
        services.AddScoped<CheckpointWriter>();
        services.AddHostedService<CheckpointSchedule>();

        services.AddSoapCore();
        services.AddHttpContextAccessor();
        services.AddScoped<ILedgerSoap, LedgerSoapService>();
        services.AddSingleton<SoapAuditors>();
        services.AddSoapMessageProcessor<UsernameTokenAuthentication>();
    }

    /// <summary>
    /// On PostgreSQL the service works as <see cref="LedgerDatabase.WriterRole"/>, which may insert and select but not
    /// update or delete: the session starts in that role (a startup option of every pooled connection), so even a
    /// login that owns the tables writes through the narrow role. The owner's connection string, kept for migrations, is
    /// <c>ConnectionStrings:audit_owner</c> (else the same login).
    /// </summary>
    private static void UseLedgerWriterRole(this WebApplicationBuilder builder)
    {
        if (!string.Equals(builder.Configuration[ServiceDatabase.ProviderSetting], ServiceDatabase.Postgres, StringComparison.OrdinalIgnoreCase)) return;
        if (builder.Configuration.GetConnectionString(LedgerDatabase.Service) is not { Length: > 0 } connectionString) return;
        var owner = builder.Configuration.GetConnectionString(LedgerDatabase.OwnerConnection) ?? connectionString;
        var writer = new NpgsqlConnectionStringBuilder(connectionString) { Options = $"-c role={LedgerDatabase.WriterRole}" };
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{LedgerDatabase.OwnerConnection}"] = owner,
            [$"ConnectionStrings:{LedgerDatabase.Service}"] = writer.ConnectionString,
        });
    }
}
