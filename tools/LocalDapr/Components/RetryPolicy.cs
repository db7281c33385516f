namespace LocalDapr.Components;

/// <summary>A retry policy from a Resiliency document.</summary>
public sealed record RetryPolicy(string Policy, TimeSpan Duration, TimeSpan MaxInterval, int MaxRetries)
{
    /// <summary>Used when no Resiliency policy targets a delivery: a few quick retries with backoff.</summary>
    public static RetryPolicy Default { get; } = new("exponential", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), 3);

    /// <summary>Delay before retry number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        if (Policy.Equals("constant", StringComparison.OrdinalIgnoreCase)) return Duration;
        var initial = Duration > TimeSpan.Zero ? Duration : TimeSpan.FromMilliseconds(500);
        var delay = initial * Math.Pow(2, attempt - 1);
        return delay > MaxInterval && MaxInterval > TimeSpan.Zero ? MaxInterval : delay;
    }
}
