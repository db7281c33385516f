using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Payments.Data;
using SpaceOfSport.Payments.Payments;
using SpaceOfSport.Payments.Refunds;
using SpaceOfSport.Payments.Stripe;
using SpaceOfSport.Payments.Webhooks;

namespace SpaceOfSport.Payments;

public static class Extensions
{
    public const string DefaultAppPort = "5106";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // App protocol h2c: cleartext HTTP/2 only on APP_PORT (gRPC and REST alike). An explicit Listen (the test host's) overrides these URLs.
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.UseUrls($"http://0.0.0.0:{builder.Configuration["APP_PORT"] ?? DefaultAppPort}");
            web.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        }

        services.AddGrpc();
        services.AddOpenApi();
        services.AddSingleton(TimeProvider.System);
        builder.AddPaymentsDatabase();
        services.AddOutbox<PaymentsDbContext>();

        services.AddOptions<StripeSettings>().BindConfiguration(StripeSettings.Section);
        services.AddHttpClient(StripeAccount.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<StripeAccount>();
        services.AddSingleton<OrderLocks>();
        services.AddSingleton<PaymentSync>();
        services.AddScoped<PaymentService>();
        services.AddScoped<PaymentRefunds>();
        services.AddScoped<StripeWebhookHandler>();
    }

    public static async Task MigratePaymentsDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    /// <summary><c>Database:Provider</c> = sqlite (default, <c>.data/payments.db</c>) or postgres; <c>ConnectionStrings:payments</c>.</summary>
    private static void AddPaymentsDatabase(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? "sqlite";
        var connectionString = builder.Configuration.GetConnectionString("payments");
        switch (provider.ToLowerInvariant())
        {
            case "postgres":
                if (string.IsNullOrWhiteSpace(connectionString)) throw new InvalidOperationException("ConnectionStrings:payments is required with Database:Provider=postgres");
                builder.Services.AddDbContext<PaymentsDbContext, PostgresPaymentsDbContext>((sp, options) => options.UseNpgsql(connectionString).UseOutbox(sp));
                break;
            case "sqlite":
                var sqlite = new SqliteConnectionStringBuilder(connectionString ?? "Data Source=.data/payments.db");
                if (Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { } folder) Directory.CreateDirectory(folder);
                builder.Services.AddDbContext<PaymentsDbContext, SqlitePaymentsDbContext>((sp, options) => options.UseSqlite(sqlite.ConnectionString).UseOutbox(sp));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported (sqlite or postgres)");
        }
    }
}
