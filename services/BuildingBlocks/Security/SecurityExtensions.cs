using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace SpaceOfSport.BuildingBlocks.Security;

public static class SecurityExtensions
{
    /// <summary>
    /// Makes the service trust identity's access tokens: ES256 only, issuer, audience and lifetime checked, keys from
    /// identity's JWKS through the sidecar (<see cref="IdentityKeySource"/>); and adds one authorization policy per
    /// permission, named after it. Bearer is the default scheme, so <c>RequireAuthorization()</c> means a valid token.
    /// </summary>
    public static TBuilder AddJwtAuthentication<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHttpClient(IdentityKeySource.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(services => new IdentityKeySource(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(IdentityKeySource.HttpClientName),
            services.GetRequiredService<IConfiguration>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System));

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IdentityKeySource, IConfiguration>((options, keys, configuration) =>
            {
                options.ConfigurationManager = keys;
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = false; // keys come through the sidecar, which encrypts between pods (mTLS)
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TokenConventions.Issuer(configuration),
                    ValidAudience = TokenConventions.Audience(configuration),
                    ValidAlgorithms = [TokenConventions.Algorithm],
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "email",
                    RoleClaimType = TokenConventions.RoleClaim,
                };
            });

        builder.Services.AddAuthorizationBuilder().AddPermissionPolicies();
        return builder;
    }

    private static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder authorization)
    {
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(permission, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(TokenConventions.PermissionClaim, permission));
        }

        return authorization;
    }
}
