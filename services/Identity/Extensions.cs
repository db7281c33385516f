using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Identity.Auth;
using SpaceOfSport.Identity.Data;
using SpaceOfSport.Identity.Keys;
using SpaceOfSport.Identity.Users;

namespace SpaceOfSport.Identity;

public static class Extensions
{
    public const string DefaultAppPort = "5103";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // App protocol h2c: cleartext HTTP/2 only on APP_PORT (gRPC, transcoded JSON and REST alike). An explicit
        // Listen (the test host's) overrides these URLs.
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.UseUrls($"http://0.0.0.0:{builder.Configuration["APP_PORT"] ?? DefaultAppPort}");
            web.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        }

        services.AddGrpc().AddJsonTranscoding();

        builder.AddIdentityDatabase();
        services.AddOutbox<IdentityDbContext>();
        services.AddSingleton(TimeProvider.System);

        // Identity validates its own tokens like every service, but reads the keys from its key ring, not its JWKS.
        builder.AddJwtAuthentication();
        services.AddSingleton<SigningKeyRing>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<SigningKeyRing>((options, keys) => options.ConfigurationManager = keys);

        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<UserPasswordHasher>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<LoginRateLimiter>();
        services.AddScoped<LoginLockout>();
        services.AddScoped<RefreshTokenService>();
    }

    /// <summary><c>Database:Provider</c> = sqlite (default, <c>.data/identity.db</c>) or postgres; <c>ConnectionStrings:identity</c>.</summary>
    private static void AddIdentityDatabase(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? "sqlite";
        var connectionString = builder.Configuration.GetConnectionString("identity");
        switch (provider.ToLowerInvariant())
        {
            case "postgres":
                if (string.IsNullOrWhiteSpace(connectionString)) throw new InvalidOperationException("ConnectionStrings:identity is required with Database:Provider=postgres");
                builder.Services.AddDbContext<IdentityDbContext, PostgresIdentityDbContext>((sp, options) =>
                    options.UseNpgsql(connectionString).UseOutbox(sp));
                break;
            case "sqlite":
                var sqlite = new SqliteConnectionStringBuilder(connectionString ?? "Data Source=.data/identity.db");
                if (Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { } folder) Directory.CreateDirectory(folder);
                builder.Services.AddDbContext<IdentityDbContext, SqliteIdentityDbContext>((sp, options) =>
                    options.UseSqlite(sqlite.ConnectionString).UseOutbox(sp));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported (sqlite or postgres)");
        }
    }
}
