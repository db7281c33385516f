using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Identity.Keys;

namespace SpaceOfSport.Identity.Apis;

/// <summary>OpenID Connect discovery (the parts that apply: issuer, keys, algorithms) and the JWKS; key rotation.</summary>
public static class WellKnownApi
{
    public const string OpenIdConfigurationPath = "/.well-known/openid-configuration";

    public static IEndpointRouteBuilder MapWellKnownApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(OpenIdConfigurationPath, OpenIdConfiguration).AllowAnonymous().WithTags("Discovery")
            .WithName("GetOpenIdConfiguration").WithSummary("OpenID Connect discovery: issuer, JWKS address, algorithms");
        app.MapGet(TokenConventions.JwksPath, JwksAsync).AllowAnonymous().WithTags("Discovery")
            .WithName("GetJwks").WithSummary("The public keys that verify access tokens");
        app.MapPost("/api/keys/rotate", RotateAsync).RequirePermission(Permissions.KeysRotate).WithTags("Keys")
            .WithName("RotateSigningKey").WithSummary("Sign with a new key; the previous one stays published until its tokens expire");
        return app;
    }

    public static Ok<Dictionary<string, object>> OpenIdConfiguration(IConfiguration configuration)
    {
        var issuer = TokenConventions.Issuer(configuration);
        return TypedResults.Ok(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = $"{issuer}{TokenConventions.JwksPath}",
            ["id_token_signing_alg_values_supported"] = new[] { TokenConventions.Algorithm },
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["claims_supported"] = new[] { "sub", "email", TokenConventions.RoleClaim, TokenConventions.PermissionClaim, "iss", "aud", "exp", "iat", "nbf", "jti" },
        });
    }

    public static async Task<Ok<Dictionary<string, object>>> JwksAsync(SigningKeyRing keys, HttpContext http, CancellationToken cancellationToken)
    {
        // Short caching: services refetch on an unknown kid anyway; keys retire within minutes of a rotation.
        http.Response.Headers.CacheControl = "public, max-age=300";
        var published = await keys.PublishedKeysAsync(cancellationToken);
        return TypedResults.Ok(new Dictionary<string, object> { ["keys"] = published.Select(SigningKeyRing.PublicJwk).ToList() });
    }

    public static async Task<Ok<Dictionary<string, string>>> RotateAsync(SigningKeyRing keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Dictionary<string, string> { ["kid"] = await keys.RotateAsync(cancellationToken), ["source"] = keys.Source });
}
