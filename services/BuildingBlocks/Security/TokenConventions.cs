namespace SpaceOfSport.BuildingBlocks.Security;

/// <summary>What identity's access tokens look like, and what every service checks (configuration section <c>Identity</c>).</summary>
public static class TokenConventions
{
    /// <summary>The only signing algorithm accepted: ECDSA P-256 with SHA-256.</summary>
    public const string Algorithm = "ES256";

    public const string DefaultIssuer = "https://identity.spaceofsport";

    public const string DefaultAudience = "spaceofsport";

    /// <summary>The app-id of the identity service, whose JWKS is read through the sidecar.</summary>
    public const string IdentityAppId = "identity";

    public const string JwksPath = "/.well-known/jwks.json";

    public const string PermissionClaim = "permissions";

    public const string RoleClaim = "roles";

    public static string Issuer(IConfiguration configuration) => configuration["Identity:Issuer"] ?? DefaultIssuer;

    public static string Audience(IConfiguration configuration) => configuration["Identity:Audience"] ?? DefaultAudience;
}
