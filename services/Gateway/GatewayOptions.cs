namespace SpaceOfSport.Gateway;

/// <summary>The <c>Gateway</c> configuration section. Defaults live in appsettings.json (lists bind by index).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The app-ids reachable as <c>/api/{service}/...</c> and <c>/graphql/{service}</c>.</summary>
    public List<string> Services { get; set; } = [];

    /// <summary>Origins allowed by CORS: the storefront's, nothing else.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Proxies (IP addresses) whose X-Forwarded-For/Proto/Host are believed; from anyone else they are ignored.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Largest request body accepted, in bytes; larger ones get 413.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>How often the same failure (target and cause) is logged while it lasts; the requests in between are counted.</summary>
    public TimeSpan FailureLogInterval { get; set; } = TimeSpan.FromMinutes(1);

    public GatewayRateLimitOptions RateLimit { get; set; } = new();
}
