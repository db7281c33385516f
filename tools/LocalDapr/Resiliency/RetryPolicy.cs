namespace LocalDapr.Resiliency;

/// <summary>
/// A retry policy (https://docs.dapr.io/operations/resiliency/policies/retries/retries-overview/): <c>constant</c> waits
/// <see cref="Duration"/> between attempts; <c>exponential</c> starts at 500 ms and grows by 1.5 per retry with ±50%
/// jitter up to <see cref="MaxInterval"/>, as daprd's back-off does (<c>duration</c> applies to <c>constant</c> only).
/// <see cref="MaxRetries"/> -1 retries until the caller gives up.
/// </summary>
public sealed record RetryPolicy(string Policy, TimeSpan Duration, TimeSpan MaxInterval, int MaxRetries)
{
    public const string Constant = "constant";
    public const string Exponential = "exponential";

    private static readonly TimeSpan ExponentialInitialInterval = TimeSpan.FromMilliseconds(500);
    private const double ExponentialMultiplier = 1.5;
    private const double ExponentialRandomization = 0.5;

    /// <summary>Used for pub/sub deliveries no Resiliency policy targets: a few quick retries.</summary>
    public static RetryPolicy Default { get; } = new(Constant, TimeSpan.FromMilliseconds(500), TimeSpan.Zero, 3);

    /// <summary>Whether retry number <paramref name="retry"/> (1-based) may run.</summary>
    public bool Allows(int retry) => MaxRetries < 0 || retry <= MaxRetries;

    /// <summary>Delay before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        if (Policy == Constant) return Duration;
        var interval = ExponentialInitialInterval * Math.Pow(ExponentialMultiplier, retry - 1);
        if (interval > MaxInterval) interval = MaxInterval;
        var jitter = 1 + (ExponentialRandomization * ((Random.Shared.NextDouble() * 2) - 1));
        return interval * jitter;
    }
}
