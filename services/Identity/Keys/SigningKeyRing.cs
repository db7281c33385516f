using System.Security.Cryptography;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Identity.Data;

namespace SpaceOfSport.Identity.Keys;

/// <summary>
/// The ES256 keys identity signs with and publishes. Source, decided at start-up:
/// <list type="bullet">
/// <item>the Dapr secret store <c>secretstore</c>, secret <see cref="SecretName"/>: a JSON document
/// <c>{"keys":[{"kid":"...","privateKey":"-----BEGIN PRIVATE KEY-----..."}]}</c> (PKCS#8 PEM, P-256); the last key
/// signs, all are published. Rotation: add a key at the end, call the rotation endpoint (or restart), remove the old
/// one once its tokens have expired (15 minutes);</item>
/// <item>otherwise (the embedded profile) keys identity generates and keeps in its own database: one at first start,
/// a new one per rotation; a retired key stays published for the access-token lifetime plus a minute.</item>
/// </list>
/// Also identity's own JWT bearer configuration, so its endpoints trust the keys without a round trip.
/// </summary>
public sealed partial class SigningKeyRing(
    IServiceScopeFactory scopes,
    DaprClient dapr,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<SigningKeyRing> logger) : BaseConfigurationManager, IConfigurationManager<OpenIdConnectConfiguration>
{
    public const string SecretName = "identity-signing-keys";

    /// <summary>How long a replica trusts its copy of the database's keys (another replica may have rotated).</summary>
    private static readonly TimeSpan ReloadAfter = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RetiredKeyGrace = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan _accessTokenLifetime = configuration.GetValue("Identity:AccessTokenLifetime", TimeSpan.FromMinutes(15));
    private KeySet? _keys;

    /// <summary>Where the keys come from: <c>secret-store</c> or <c>database</c>.</summary>
    public string Source { get; private set; } = "database";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (await ReadSecretAsync(cancellationToken) is { } fromSecret)
        {
            Source = "secret-store";
            _keys = fromSecret;
            LogKeysFromSecretStore(fromSecret.Published.Count);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        if (!await db.SigningKeys.AnyAsync(k => k.RetiredAt == null, cancellationToken))
        {
            db.SigningKeys.Add(NewKey());
            await db.SaveChangesAsync(cancellationToken);
            LogKeyGenerated();
        }
        _keys = await LoadFromDatabaseAsync(db, cancellationToken);
    }

    public async Task<ECDsaSecurityKey> SigningKeyAsync(CancellationToken cancellationToken) => (await KeysAsync(cancellationToken)).Signing;

    public async Task<IReadOnlyList<ECDsaSecurityKey>> PublishedKeysAsync(CancellationToken cancellationToken) => (await KeysAsync(cancellationToken)).Published;

    /// <summary>
    /// Database keys: a new key signs from now on, the previous one stays published until its tokens expired.
    /// Secret-store keys: reads the secret again (the operator added a key). Returns the signing key id.
    /// </summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Source == "secret-store")
            {
                _keys = await ReadSecretAsync(cancellationToken) ?? _keys;
                return _keys!.Signing.KeyId;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var now = clock.GetUtcNow();
            foreach (var old in await db.SigningKeys.Where(k => k.RetiredAt == null).ToListAsync(cancellationToken)) old.RetiredAt = now;
            var key = NewKey();
            db.SigningKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken);
            // Keys retired long ago sign nothing that is still valid.
            var expired = (await db.SigningKeys.Where(k => k.RetiredAt != null).ToListAsync(cancellationToken))
                .Where(k => k.RetiredAt!.Value + _accessTokenLifetime + RetiredKeyGrace < now).ToList();
            db.SigningKeys.RemoveRange(expired);
            await db.SaveChangesAsync(cancellationToken);
            _keys = await LoadFromDatabaseAsync(db, cancellationToken);
            LogKeyRotated(key.KeyId);
            return key.KeyId;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel) => await GetConfigurationAsync(cancel);

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var openIdConfiguration = new OpenIdConnectConfiguration { Issuer = TokenConventions.Issuer(configuration) };
        foreach (var key in await PublishedKeysAsync(cancel)) openIdConfiguration.SigningKeys.Add(key);
        return openIdConfiguration;
    }

    public override void RequestRefresh() => _keys = _keys is null ? null : _keys with { LoadedAt = DateTimeOffset.MinValue };

    /// <summary>The public JWK of a key, as published in the JWKS.</summary>
    public static Dictionary<string, string> PublicJwk(ECDsaSecurityKey key)
    {
        var parameters = key.ECDsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["use"] = "sig",
            ["alg"] = TokenConventions.Algorithm,
            ["kid"] = key.KeyId,
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
    }

    private async Task<KeySet> KeysAsync(CancellationToken cancellationToken)
    {
        var keys = _keys ?? throw new InvalidOperationException("The signing keys are not initialized");
        if (Source == "secret-store" || clock.GetUtcNow() - keys.LoadedAt < ReloadAfter) return keys;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (clock.GetUtcNow() - _keys!.LoadedAt < ReloadAfter) return _keys;
            await using var scope = scopes.CreateAsyncScope();
            _keys = await LoadFromDatabaseAsync(scope.ServiceProvider.GetRequiredService<IdentityDbContext>(), cancellationToken);
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<KeySet> LoadFromDatabaseAsync(IdentityDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stored = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
        var published = stored
            .Where(k => k.RetiredAt is null || k.RetiredAt.Value + _accessTokenLifetime + RetiredKeyGrace > now)
            .OrderBy(k => k.CreatedAt)
            .ToList();
        var signing = published.Last(k => k.RetiredAt is null);
        return new KeySet(ToSecurityKey(signing.KeyId, Convert.FromBase64String(signing.PrivateKey)),
            [.. published.Select(k => ToSecurityKey(k.KeyId, Convert.FromBase64String(k.PrivateKey)))], now);
    }

    private async Task<KeySet?> ReadSecretAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, string> secret;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            secret = await dapr.GetSecretAsync(DaprComponents.SecretStore, SecretName, cancellationToken: timeout.Token);
        }
        catch (Exception exception) when (exception is DaprException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogNoSecret(SecretName);
            return null;
        }
        if (secret.Values.FirstOrDefault() is not { Length: > 0 } json) return null;

        var document = JsonSerializer.Deserialize<SigningKeysSecret>(json, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Secret {SecretName} is not a JSON document with keys");
        if (document.Keys is not { Count: > 0 }) throw new InvalidOperationException($"Secret {SecretName} holds no key");
        var keys = document.Keys.Select(k =>
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(k.PrivateKey);
            if (ecdsa.KeySize != 256) throw new InvalidOperationException($"Signing key {k.Kid} is not P-256");
            return new ECDsaSecurityKey(ecdsa) { KeyId = k.Kid };
        }).ToList();
        return new KeySet(keys[^1], keys, clock.GetUtcNow());
    }

    private SigningKey NewKey()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = clock.GetUtcNow();
        var publicKey = ecdsa.ExportSubjectPublicKeyInfo();
        // Key id: a date for people, a hash of the public key for uniqueness.
        var kid = $"{now:yyyyMMdd}-{Base64UrlEncoder.Encode(SHA256.HashData(publicKey))[..16]}";
        return new SigningKey { KeyId = kid, PrivateKey = Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey()), CreatedAt = now };
    }

    private static ECDsaSecurityKey ToSecurityKey(string kid, byte[] pkcs8)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = kid };
    }

    private sealed record KeySet(ECDsaSecurityKey Signing, IReadOnlyList<ECDsaSecurityKey> Published, DateTimeOffset LoadedAt);

    private sealed record SigningKeysSecret(List<SigningKeySecretEntry>? Keys);

    private sealed record SigningKeySecretEntry(string Kid, string PrivateKey);

    [LoggerMessage(LogLevel.Information, "Signing keys from the secret store ({Count} published)")]
    private partial void LogKeysFromSecretStore(int count);

    [LoggerMessage(LogLevel.Information, "No secret {Secret} in the secret store: signing keys are generated and kept in the identity database")]
    private partial void LogNoSecret(string secret);

    [LoggerMessage(LogLevel.Warning, "Generated a signing key at first start (kept in the identity database)")]
    private partial void LogKeyGenerated();

    [LoggerMessage(LogLevel.Information, "Signing key rotated: {KeyId} signs from now on")]
    private partial void LogKeyRotated(string keyId);
}
