namespace LocalDapr.Resiliency;

/// <summary>What a circuit breaker counted in its current generation; the names are the ones a trip expression reads.</summary>
public sealed record BreakerCounts(long Requests, long TotalSuccesses, long TotalFailures, long ConsecutiveSuccesses, long ConsecutiveFailures)
{
    public static BreakerCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public BreakerCounts WithRequest() => this with { Requests = Requests + 1 };

    public BreakerCounts WithSuccess() => this with { TotalSuccesses = TotalSuccesses + 1, ConsecutiveSuccesses = ConsecutiveSuccesses + 1, ConsecutiveFailures = 0 };

    public BreakerCounts WithFailure() => this with { TotalFailures = TotalFailures + 1, ConsecutiveFailures = ConsecutiveFailures + 1, ConsecutiveSuccesses = 0 };
}
