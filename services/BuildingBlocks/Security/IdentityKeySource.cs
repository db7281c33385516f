using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace SpaceOfSport.BuildingBlocks.Security;

/// <summary>
/// Identity's signing keys, read from its JWKS through this app's sidecar (service invocation), cached, and read again
/// when a token names a key id the cache does not hold — so a rotated key is trusted on its first token. Refreshes are
/// at most one per <see cref="RefetchThrottle"/>, so forged key ids cannot make the service hammer identity.
/// </summary>
public sealed class IdentityKeySource : BaseConfigurationManager, IConfigurationManager<OpenIdConnectConfiguration>
{
    /// <summary>The named HttpClient that fetches the JWKS.</summary>
    public const string HttpClientName = "identity-jwks";

    public static readonly TimeSpan RefetchThrottle = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan KeysMaximumAge = TimeSpan.FromHours(1);

    private readonly HttpClient _http;
    private readonly Uri _jwksAddress;
    private readonly string _issuer;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _attemptedAt;
    private bool _refreshRequested;

    public IdentityKeySource(HttpClient http, IConfiguration configuration, TimeProvider clock)
    {
        _http = http;
        _clock = clock;
        _issuer = TokenConventions.Issuer(configuration);
        _jwksAddress = new Uri(DaprSidecar.HttpEndpoint(configuration),
            $"/v1.0/invoke/{TokenConventions.IdentityAppId}/method{TokenConventions.JwksPath}");
        if (DaprSidecar.ApiToken(configuration) is { } token) _http.DefaultRequestHeaders.Add(DaprSidecar.ApiTokenHeader, token);
    }

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel) =>
        await GetConfigurationAsync(cancel);

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_current is { } fresh && !IsStale()) return fresh;
        await _gate.WaitAsync(cancel);
        try
        {
            if (_current is { } current && !IsStale()) return current;
            _attemptedAt = _clock.GetUtcNow();
            var jwks = new JsonWebKeySet(await _http.GetStringAsync(_jwksAddress, cancel));
            var configuration = new OpenIdConnectConfiguration { Issuer = _issuer };
            foreach (var key in jwks.GetSigningKeys()) configuration.SigningKeys.Add(key);
            _current = configuration;
            _fetchedAt = _clock.GetUtcNow();
            _refreshRequested = false;
            return configuration;
        }
        catch (Exception e) when (e is HttpRequestException or ArgumentException && _current is not null)
        {
            // Identity unreachable: keep trusting the keys we have until it answers again.
            return _current!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void RequestRefresh() => _refreshRequested = true;

    private bool IsStale()
    {
        var now = _clock.GetUtcNow();
        if (now - _attemptedAt < RefetchThrottle) return false;
        return now - _fetchedAt > KeysMaximumAge || _refreshRequested;
    }
}
