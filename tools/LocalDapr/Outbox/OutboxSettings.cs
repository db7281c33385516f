using LocalDapr.Components;

namespace LocalDapr.Outbox;

/// <summary>
/// A state store's outbox metadata (https://docs.dapr.io/developing-applications/building-blocks/state-management/howto-outbox/):
/// <c>outboxPublishPubsub</c> and <c>outboxPublishTopic</c> turn it on; <c>outboxPubsub</c> (default: the publish
/// pub/sub) is the component daprd coordinates through; <c>outboxDiscardWhenMissingState</c> (default false) drops a
/// message whose transaction marker is gone.
/// </summary>
public sealed record OutboxSettings(string PublishPubSub, string PublishTopic, string OutboxPubSub, bool DiscardWhenMissingState)
{
    /// <summary>The store's outbox, or null when the two required fields are not both set (as daprd reads them).</summary>
    public static OutboxSettings? Of(ComponentManifest store)
    {
        string? Value(string name) => store.Metadata.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.Literal) ? value.Literal : null;
        if (Value("outboxPublishPubsub") is not { } publishPubSub || Value("outboxPublishTopic") is not { } publishTopic) return null;
        var discard = Value("outboxDiscardWhenMissingState") is { } text && (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text is "1" or "yes" or "on");
        return new OutboxSettings(publishPubSub, publishTopic, Value("outboxPubsub") ?? publishPubSub, discard);
    }
}
