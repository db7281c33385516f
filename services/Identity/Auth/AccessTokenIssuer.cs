using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Identity.Keys;

namespace SpaceOfSport.Identity.Auth;

/// <summary>ES256 access tokens as <see cref="TokenConventions"/> describes them: sub, email, roles, permissions, iss, aud, kid.</summary>
public sealed class AccessTokenIssuer(SigningKeyRing keys, IConfiguration configuration, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public TimeSpan Lifetime { get; } = configuration.GetValue("Identity:AccessTokenLifetime", TimeSpan.FromMinutes(15));

    public async Task<string> IssueAsync(Guid userId, string email, IReadOnlyList<string> roles, IReadOnlyList<string> permissions, CancellationToken cancellationToken)
    {
        var key = await keys.SigningKeyAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenConventions.Issuer(configuration),
            Audience = TokenConventions.Audience(configuration),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = userId.ToString(),
                ["email"] = email,
                ["jti"] = Guid.NewGuid().ToString("N"),
                // Always arrays, so a single role reads the same as several.
                [TokenConventions.RoleClaim] = roles.ToArray(),
                [TokenConventions.PermissionClaim] = permissions.ToArray(),
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });
    }
}
