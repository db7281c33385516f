using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpaceOfSport.BuildingBlocks.Security;

namespace SpaceOfSport.TestSupport;

/// <summary>
/// A stand-in for the identity service in other services' tests: app-id <c>identity</c> behind a local sidecar,
/// serving a JWKS, and minting ES256 access tokens the services trust (or, on request, tokens they must refuse).
/// </summary>
public sealed class TestIdentity : IAsyncDisposable
{
    private readonly List<ECDsaSecurityKey> _keys = [NewKey()];
    private WebApplication? _app;
    private LocalSidecar? _sidecar;

    /// <summary>
    /// What identity's <c>GET /api/users/{id}/contact</c> answers for each user (404 for anyone else), as notifications
    /// reads it: <c>{userId, email, name, phone, locale, communication{email,sms,push}}</c>.
    /// </summary>
    public ConcurrentDictionary<Guid, object> Contacts { get; } = new();

    /// <summary>The key new tokens are signed with.</summary>
    public ECDsaSecurityKey CurrentKey => _keys[^1];

    public static async Task<TestIdentity> StartAsync(LocalDaprRuntime runtime, IReadOnlyList<string> resourcesPaths)
    {
        var identity = new TestIdentity();
        var port = FreePort.Next();
        identity._sidecar = await runtime.StartSidecarAsync(new SidecarOptions { AppId = TokenConventions.IdentityAppId, AppPort = port, ResourcesPaths = resourcesPaths });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet(TokenConventions.JwksPath, () => Results.Json(new { keys = identity._keys.Select(PublicJwk) }));
        app.MapGet("/api/users/{userId:guid}/contact", (Guid userId) =>
            identity.Contacts.TryGetValue(userId, out var contact) ? Results.Json(contact) : Results.NotFound());
        await app.StartAsync();
        identity._app = app;
        await identity._sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return identity;
    }

    /// <summary>Starts signing with a new key; the JWKS keeps the old one, as identity does during rotation.</summary>
    public ECDsaSecurityKey RotateKey()
    {
        _keys.Add(NewKey());
        return CurrentKey;
    }

    /// <summary>An access token as identity issues it, with overrides for tests of what must be refused.</summary>
    public string IssueToken(
        string subject,
        IEnumerable<string>? permissions = null,
        IEnumerable<string>? roles = null,
        string? email = null,
        TimeSpan? lifetime = null,
        string issuer = TokenConventions.DefaultIssuer,
        string audience = TokenConventions.DefaultAudience,
        SigningCredentials? signWith = null)
    {
        var claims = new List<Claim> { new("sub", subject), new("email", email ?? $"{subject}@example.test") };
        claims.AddRange((permissions ?? []).Select(p => new Claim(TokenConventions.PermissionClaim, p)));
        claims.AddRange((roles ?? ["customer"]).Select(r => new Claim(TokenConventions.RoleClaim, r)));
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(15));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-1) : now,
            NotBefore = expires < now ? expires.AddMinutes(-1) : now,
            Expires = expires,
            SigningCredentials = signWith ?? new SigningCredentials(CurrentKey, SecurityAlgorithms.EcdsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_sidecar is not null) await _sidecar.Runtime.StopSidecarAsync(_sidecar);
    }

    private static ECDsaSecurityKey NewKey() =>
        new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = Guid.NewGuid().ToString("N") };

    private static object PublicJwk(ECDsaSecurityKey key)
    {
        var parameters = key.ECDsa.ExportParameters(includePrivateParameters: false);
        return new
        {
            kty = "EC",
            crv = "P-256",
            use = "sig",
            alg = TokenConventions.Algorithm,
            kid = key.KeyId,
            x = Base64UrlEncoder.Encode(parameters.Q.X),
            y = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
    }
}
