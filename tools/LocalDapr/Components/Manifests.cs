namespace LocalDapr.Components;

/// <summary>A metadata value as written in component YAML: a literal or a reference into a secret store.</summary>
public sealed record MetadataValue(string? Literal, SecretKeyRef? SecretRef);

public sealed record SecretKeyRef(string Name, string Key);

/// <summary>A <c>kind: Component</c> document (dapr.io/v1alpha1).</summary>
public sealed record ComponentManifest(
    string Name,
    string Type,
    string Version,
    IReadOnlyDictionary<string, MetadataValue> Metadata,
    IReadOnlyList<string> Scopes,
    string? AuthSecretStore,
    string FilePath)
{
    /// <summary>The category is the type's first segment: state, pubsub, bindings, secretstores.</summary>
    public string Category => Type.Split('.')[0];

    public bool IsVisibleTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);
}

/// <summary>A <c>kind: Subscription</c> document (declarative subscription, v1alpha1 or v2alpha1).</summary>
public sealed record SubscriptionManifest(
    string Name,
    string PubSubName,
    string Topic,
    string? DefaultRoute,
    IReadOnlyList<RouteRule> Rules,
    string? DeadLetterTopic,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Scopes,
    string FilePath)
{
    public bool IsVisibleTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);
}

public sealed record RouteRule(string Match, string Path);

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

public sealed record TimeoutPolicy(TimeSpan Value);

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

/// <summary>
/// A Dapr <c>kind: Configuration</c>: the local runtime checks that it reads, but applies none of it (apps export their
/// own OpenTelemetry traces; daprd's tracing, features and API allow-lists matter only under daprd).
/// </summary>
public sealed record ConfigurationManifest(string Name, string FilePath);
