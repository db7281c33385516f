using Microsoft.AspNetCore.Authentication.JwtBearer;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Identity.Auth;
using SpaceOfSport.Identity.Data;
using SpaceOfSport.Identity.Keys;
using SpaceOfSport.Identity.Users;

namespace SpaceOfSport.Identity;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddGrpc().AddJsonTranscoding();
        services.AddOpenApi();

        builder.AddServiceDatabase<IdentityDbContext, SqliteIdentityDbContext, PostgresIdentityDbContext>("identity");
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
}
