namespace LocalDapr.Resiliency;

/// <summary>
/// A <c>kind: Resiliency</c> document (https://docs.dapr.io/operations/resiliency/resiliency-overview/): named policies
/// and the targets that use them, every name checked when the document was read.
/// </summary>
public sealed record ResiliencyManifest(
    string Name,
    IReadOnlyDictionary<string, TimeSpan> Timeouts,
    IReadOnlyDictionary<string, RetryPolicy> Retries,
    IReadOnlyDictionary<string, CircuitBreakerPolicy> CircuitBreakers,
    IReadOnlyDictionary<string, ResiliencyTarget> Apps,
    IReadOnlyDictionary<string, ResiliencyTarget> Actors,
    IReadOnlyDictionary<string, ResiliencyTarget> ComponentsInbound,
    IReadOnlyList<string> Scopes,
    string FilePath)
{
    public bool AppliesTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);
}

/// <summary>The policy names one target uses; null where it names none.</summary>
public sealed record ResiliencyTarget(string? Timeout, string? Retry, string? CircuitBreaker);
