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
    /// <summary>spec.bulkSubscribe when enabled; null delivers events one by one.</summary>
    public BulkSubscribeOptions? Bulk { get; init; }

    public bool IsVisibleTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);
}

/// <summary>
/// A subscription's <c>bulkSubscribe</c> (https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-bulk/):
/// events reach the app in batches of at most <see cref="MaxMessagesCount"/>, sent when full or after
/// <see cref="MaxAwaitDurationMs"/> (daprd's defaults: 100 and 1000).
/// </summary>
public sealed record BulkSubscribeOptions(int MaxMessagesCount = 100, int MaxAwaitDurationMs = 1000)
{
    /// <summary>Reads the options, using daprd's default for a missing or non-positive value.</summary>
    public static BulkSubscribeOptions? From(bool enabled, int? maxMessagesCount, int? maxAwaitDurationMs) =>
        enabled ? new(maxMessagesCount is > 0 ? maxMessagesCount.Value : 100, maxAwaitDurationMs is > 0 ? maxAwaitDurationMs.Value : 1000) : null;
}

public sealed record RouteRule(string Match, string Path);
