namespace LocalDapr.Components;

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
