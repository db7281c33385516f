using System.Collections.Concurrent;

namespace LocalDapr.Resiliency;

/// <summary>
/// The Resiliency documents one sidecar loaded (those scoped to its app), resolved per target: service invocation of
/// an app (<c>targets.apps</c>), actor calls (<c>targets.actors</c>) and deliveries from a component into the app
/// (<c>targets.components.X.inbound</c>). Each target has one circuit breaker per sidecar, as in daprd.
/// </summary>
public sealed class SidecarResiliency(string appId, IReadOnlyList<ResiliencyManifest> manifests, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, CircuitBreaker> _breakers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResiliencyPolicy> _appPolicies = new(StringComparer.Ordinal);

    /// <summary>Resolved once per target app (the documents do not change while the sidecar runs): every invocation asks.</summary>
    public ResiliencyPolicy ForApp(string targetAppId) =>
        _appPolicies.GetOrAdd(targetAppId, target => For($"app '{target}'", m => m.Apps.GetValueOrDefault(target)));

    public ResiliencyPolicy ForActor(string actorType) => For($"actor type '{actorType}'", m => m.Actors.GetValueOrDefault(actorType));

    public ResiliencyPolicy ForComponentInbound(string componentName) =>
        For($"component '{componentName}' (inbound)", m => m.ComponentsInbound.GetValueOrDefault(componentName));

    private ResiliencyPolicy For(string target, Func<ResiliencyManifest, ResiliencyTarget?> select)
    {
        foreach (var manifest in manifests.Where(m => m.AppliesTo(appId)))
        {
            if (select(manifest) is not { } named) continue;
            var breaker = named.CircuitBreaker is { } breakerName
                ? _breakers.GetOrAdd(target, _ => new CircuitBreaker(manifest.CircuitBreakers[breakerName], clock))
                : null;
            return new ResiliencyPolicy(target,
                named.Timeout is { } timeout ? manifest.Timeouts[timeout] : null,
                named.Retry is { } retry ? manifest.Retries[retry] : null,
                breaker, clock);
        }

        return new ResiliencyPolicy(target, null, null, null, clock);
    }
}
