using LocalDapr.Components;

namespace LocalDapr.PubSub;

/// <summary>
/// The consumer group a sidecar joins on a pub/sub component, as daprd picks it: metadata <c>consumerID</c> with the
/// templates daprd resolves per sidecar (dapr/dapr pkg/runtime/meta: <c>{uuid}</c>, <c>{podName}</c>,
/// <c>{namespace}</c>, <c>{appID}</c>), or the app-id when it is not set (pkg/runtime/processor/pubsub). Sidecars in one
/// group compete for a topic's messages; each group gets its own copy
/// (https://docs.dapr.io/developing-applications/building-blocks/pubsub/howto-namespace/ and the component pages).
/// </summary>
public static class ConsumerGroups
{
    public static string For(Sidecar.LocalSidecar sidecar, ComponentManifest pubsub)
    {
        var configured = pubsub.Metadata.FirstOrDefault(m => m.Key.Equals("consumerID", StringComparison.OrdinalIgnoreCase)).Value?.Literal?.Trim();
        if (string.IsNullOrEmpty(configured)) return sidecar.AppId;
        return configured
            .Replace("{uuid}", sidecar.ComponentUuid, StringComparison.Ordinal)
            .Replace("{podName}", sidecar.PodName, StringComparison.Ordinal)
            .Replace("{namespace}", $"{Environment.GetEnvironmentVariable("NAMESPACE") ?? ""}.{sidecar.AppId}", StringComparison.Ordinal)
            .Replace("{appID}", sidecar.AppId, StringComparison.Ordinal);
    }
}
