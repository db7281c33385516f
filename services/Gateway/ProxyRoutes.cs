using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace SpaceOfSport.Gateway;

/// <summary>
/// The gateway's routes, built from configuration: services through Dapr service invocation on the gateway's own
/// sidecar (https://docs.dapr.io/developing-applications/building-blocks/service-invocation/howto-invoke-discover-services/,
/// "dapr-app-id" header), the notifications hub directly (WebSockets), and the storefront for everything else.
/// </summary>
internal static class ProxyRoutes
{
    /// <summary>Route metadata naming what a route reaches; the error answer names it.</summary>
    public const string TargetMetadata = "target";

    public const string StorefrontTarget = "storefront";

    public const string HubTarget = "notifications hub";

    public const string HubPath = "/ws";

    public const string SidecarCluster = "dapr-sidecar";

    /// <summary>Stripe's webhook endpoint, passed to payments unchanged.</summary>
    public const string StripeWebhookPath = "/webhooks/stripe";

    /// <summary>Delivery partners' webhook endpoint (shipped, delivered), passed to ordering unchanged.</summary>
    public const string DeliveryWebhookPath = "/webhooks/delivery";

    /// <summary>The storefront server's signed batches of usage events, passed to analytics unchanged.</summary>
    public const string UsageEventsWebhookPath = "/webhooks/events";

    /// <summary>
    /// Partners' signed webhooks and the app that verifies each: passed unchanged, POST only, the app's REST API may
    /// stay internal (payments') all the same.
    /// </summary>
    private static readonly (string Path, string AppId)[] PartnerWebhooks =
    [
        (StripeWebhookPath, "payments"),
        (DeliveryWebhookPath, "ordering"),
        (UsageEventsWebhookPath, "analytics"),
    ];

    private const string WellKnownPrefix = "/.well-known";
    private const string StorefrontCluster = "storefront";
    private const string HubCluster = "notifications-hub";

    public static InMemoryConfigProvider Create(GatewayOptions options, IConfiguration configuration)
    {
        var apiToken = DaprSidecar.ApiToken(configuration);
        var storefront = configuration["Storefront:Url"] is { Length: > 0 } url ? url : "http://127.0.0.1:3000";
        var hub = HubAddress(configuration);

        List<RouteConfig> routes = [];
        foreach (var service in options.Services.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            routes.Add(ThroughSidecar(new RouteConfig
            {
                RouteId = $"api-{service}",
                ClusterId = SidecarCluster,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
                Metadata = Target(service),
            }.WithTransformPathRouteValues("/api/{**rest}"), service, apiToken));
            routes.Add(ThroughSidecar(new RouteConfig
            {
                RouteId = $"graphql-{service}",
                ClusterId = SidecarCluster,
                Match = new RouteMatch { Path = $"/graphql/{service}" },
                Metadata = Target(service),
            }.WithTransformPathSet("/graphql"), service, apiToken));
        }

        if (options.Services.Contains(TokenConventions.IdentityAppId, StringComparer.OrdinalIgnoreCase))
            routes.AddRange(IdentityDiscovery(apiToken));

        foreach (var (path, appId) in PartnerWebhooks)
        {
            routes.Add(ThroughSidecar(new RouteConfig
            {
                RouteId = $"webhook-{path.Split('/')[^1]}",
                ClusterId = SidecarCluster,
                Match = new RouteMatch { Path = path, Methods = ["POST"] },
                Metadata = Target(appId),
            }, appId, apiToken));
        }

        if (hub is not null)
            // The hub's own path and below it (SignalR's /ws/negotiate, for clients that do not skip negotiation).
            routes.Add(new RouteConfig { RouteId = "hub", ClusterId = HubCluster, Match = new RouteMatch { Path = HubPath + "/{**rest}" }, Metadata = Target(HubTarget) });

        // The catch-all matches last: every more specific route (and endpoint) wins over it.
        routes.Add(new RouteConfig { RouteId = "storefront", ClusterId = StorefrontCluster, Match = new RouteMatch { Path = "/{**path}" }, Metadata = Target(StorefrontTarget) });

        List<ClusterConfig> clusters =
        [
            Cluster(SidecarCluster, DaprSidecar.HttpEndpoint(configuration).ToString()),
            Cluster(StorefrontCluster, storefront),
        ];
        if (hub is not null) clusters.Add(Cluster(HubCluster, hub));
        return new InMemoryConfigProvider(routes, clusters);
    }

    /// <summary>
    /// OpenID Connect discovery and the JWKS at the shop's public URL: the root <c>/.well-known/...</c> (where clients
    /// look for the issuer's metadata, https://openid.net/specs/openid-connect-discovery-1_0.html section 4) and under
    /// identity's own prefix, both answered by identity's <c>/.well-known/...</c>.
    /// </summary>
    private static IEnumerable<RouteConfig> IdentityDiscovery(string? apiToken)
    {
        var identity = TokenConventions.IdentityAppId;
        foreach (var path in new[] { WellKnownPrefix + "/openid-configuration", TokenConventions.JwksPath })
        {
            yield return ThroughSidecar(new RouteConfig
            {
                RouteId = $"well-known-{path.Split('/')[^1]}",
                ClusterId = SidecarCluster,
                Match = new RouteMatch { Path = path, Methods = ["GET", "HEAD"] },
                Metadata = Target(identity),
            }, identity, apiToken);
        }

        yield return ThroughSidecar(new RouteConfig
        {
            RouteId = $"api-{identity}-well-known",
            ClusterId = SidecarCluster,
            Match = new RouteMatch { Path = $"/api/{identity}{WellKnownPrefix}/{{**rest}}", Methods = ["GET", "HEAD"] },
            Metadata = Target(identity),
        }.WithTransformPathRouteValues(WellKnownPrefix + "/{**rest}"), identity, apiToken);
    }

    /// <summary>The notifications app's own address (<c>Services:notifications</c>): WebSockets do not go through Dapr.</summary>
    public static string? HubAddress(IConfiguration configuration) =>
        configuration["Services:notifications"] is { Length: > 0 } address ? address : null;

    /// <summary>
    /// Addresses the sidecar call: the target app-id, and the gateway's own API token. Whatever a client sent in these
    /// headers is replaced or removed, so no caller picks the app or speaks to the sidecar with its own token.
    /// </summary>
    private static RouteConfig ThroughSidecar(RouteConfig route, string service, string? apiToken)
    {
        route = route.WithTransformRequestHeader(DaprSidecar.AppIdHeader, service, append: false);
        return apiToken is null
            ? route.WithTransformRequestHeaderRemove(DaprSidecar.ApiTokenHeader)
            : route.WithTransformRequestHeader(DaprSidecar.ApiTokenHeader, apiToken, append: false);
    }

    private static Dictionary<string, string> Target(string target) => new() { [TargetMetadata] = target };

    private static ClusterConfig Cluster(string id, string address) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig> { [id] = new() { Address = address } },
    };
}
