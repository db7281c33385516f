using LocalDapr.Resiliency;

namespace LocalDapr.Components;

/// <summary>Everything read from one or more resources folders.</summary>
public sealed record ResourceSet(
    IReadOnlyList<ComponentManifest> Components,
    IReadOnlyList<SubscriptionManifest> Subscriptions,
    IReadOnlyList<ResiliencyManifest> Resiliencies)
{
    public static ResourceSet Empty { get; } = new([], [], []);
}
