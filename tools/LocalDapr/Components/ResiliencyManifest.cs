namespace LocalDapr.Components;

/// <summary>A <c>kind: Resiliency</c> document: named policies and the targets that use them.</summary>
public sealed record ResiliencyManifest(
    string Name,
    IReadOnlyDictionary<string, RetryPolicy> Retries,
    IReadOnlyDictionary<string, TimeSpan> Timeouts,
    IReadOnlyDictionary<string, ResiliencyTarget> Apps,
    IReadOnlyDictionary<string, ResiliencyTarget> Components,
    IReadOnlyDictionary<string, ResiliencyTarget> Actors,
    IReadOnlyList<string> Scopes,
    string FilePath);

/// <summary>Policy names for one target; components have inbound and outbound directions.</summary>
public sealed record ResiliencyTarget(string? Retry, string? Timeout, string? InboundRetry, string? OutboundRetry);
