using LocalDapr.Components;

namespace LocalDapr.PubSub;

/// <summary>
/// One subscription of an app, programmatic (<c>GET /dapr/subscribe</c>) or declarative (<c>kind: Subscription</c>):
/// https://docs.dapr.io/developing-applications/building-blocks/pubsub/subscription-methods/.
/// </summary>
/// <param name="Origin">Where it was declared, for log messages.</param>
public sealed record TopicSubscription(
    string PubSubName,
    string Topic,
    string? DefaultRoute,
    IReadOnlyList<RouteRule> Rules,
    string? DeadLetterTopic,
    IReadOnlyDictionary<string, string> Metadata,
    string Origin)
{
    /// <summary>The subscriber wraps whatever arrives in a CloudEvent (metadata <c>rawPayload=true</c>).</summary>
    public bool RawPayload =>
        Metadata.FirstOrDefault(m => m.Key.Equals("rawPayload", StringComparison.OrdinalIgnoreCase)).Value is { } raw
        && bool.TryParse(raw, out var isRaw) && isRaw;

    /// <summary>From a <c>kind: Subscription</c> resource rather than the app (the metadata API tells them apart).</summary>
    public bool IsDeclarative { get; init; }

    /// <summary>Bulk delivery, when the subscription enables it.</summary>
    public BulkSubscribeOptions? Bulk { get; init; }

    public static TopicSubscription FromManifest(SubscriptionManifest manifest) =>
        new(manifest.PubSubName, manifest.Topic, manifest.DefaultRoute, manifest.Rules, manifest.DeadLetterTopic,
            manifest.Metadata, $"Subscription '{manifest.Name}' ({manifest.FilePath})")
        { IsDeclarative = true, Bulk = manifest.Bulk };
}
