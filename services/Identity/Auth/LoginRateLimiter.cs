using System.Threading.RateLimiting;

namespace SpaceOfSport.Identity.Auth;

/// <summary>
/// Fixed one-minute windows per client IP (<c>Identity:RateLimits:LoginsPerIpPerMinute</c>, default 30) and per account
/// (<c>Identity:RateLimits:LoginsPerAccountPerMinute</c>, default 10), in memory per replica.
/// </summary>
public sealed class LoginRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perIp;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public LoginRateLimiter(IConfiguration configuration)
    {
        _perIp = PerMinute(configuration.GetValue("Identity:RateLimits:LoginsPerIpPerMinute", 30));
        _perAccount = PerMinute(configuration.GetValue("Identity:RateLimits:LoginsPerAccountPerMinute", 10));
    }

    /// <summary>Null when allowed; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string clientAddress, string? normalizedEmail)
    {
        if (Attempt(_perIp, clientAddress) is { } ipWait) return ipWait;
        return normalizedEmail is { Length: > 0 } ? Attempt(_perAccount, normalizedEmail) : null;
    }

    public void Dispose()
    {
        _perIp.Dispose();
        _perAccount.Dispose();
    }

    private static TimeSpan? Attempt(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
}
