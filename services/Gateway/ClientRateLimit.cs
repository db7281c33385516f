using System.Net;
using System.Threading.RateLimiting;
using SpaceOfSport.BuildingBlocks;

namespace SpaceOfSport.Gateway;

/// <summary>
/// The gateway's global limiter: a token bucket per client address, sized by <see cref="GatewayRateLimitOptions"/>, and
/// none for the sidecar's callbacks (<c>/dapr/subscribe</c>, <c>/dapr/config</c>, actors), which are not client traffic.
/// The partitioner runs for every request, so it allocates nothing: partitions are keyed by the address itself and the
/// bucket's settings are made once per address.
/// </summary>
public static class ClientRateLimit
{
    /// <summary>The partition of the sidecar's callbacks: the unspecified address, from which no client connects.</summary>
    private static readonly IPAddress SidecarCallbacks = IPAddress.IPv6Any;

    /// <summary>Requests without a remote address (in-process test servers) share one bucket.</summary>
    private static readonly IPAddress UnknownClient = IPAddress.None;

    public static PartitionedRateLimiter<HttpContext> Create(GatewayRateLimitOptions options)
    {
        Func<IPAddress, TokenBucketRateLimiterOptions> bucketFor = client =>
        {
            var limits = options.For(client == UnknownClient ? null : client);
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.TokenLimit,
                TokensPerPeriod = limits.TokensPerPeriod,
                ReplenishmentPeriod = limits.ReplenishmentPeriod,
                QueueLimit = 0,
                AutoReplenishment = true,
            };
        };
        return PartitionedRateLimiter.Create<HttpContext, IPAddress>(context => IsSidecarCallback(context.Request.Path)
            ? RateLimitPartition.GetNoLimiter(SidecarCallbacks)
            : RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress ?? UnknownClient, bucketFor));
    }

    private static bool IsSidecarCallback(PathString path)
    {
        foreach (var callback in DaprCallbacks.Paths)
        {
            if (path.StartsWithSegments(callback)) return true;
        }

        return false;
    }
}
