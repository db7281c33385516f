namespace SpaceOfSport.Gateway;

/// <summary>A token bucket per client IP address: bursts up to <see cref="TokenLimit"/>, then <see cref="TokensPerPeriod"/> per period.</summary>
public sealed class GatewayRateLimitOptions
{
    public int TokenLimit { get; set; } = 200;

    public int TokensPerPeriod { get; set; } = 100;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
