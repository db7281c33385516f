using LocalDapr.Components;
using LocalDapr.Sidecar;
using LocalDapr.State;

namespace LocalDapr.Actors;

/// <summary>
/// The state store an app's actors use: the one component whose metadata says <c>actorStateStore: "true"</c>
/// (https://docs.dapr.io/developing-applications/building-blocks/actors/actors-overview/#actor-state).
/// Actor state keys are <c>appId||type||id||key</c>.
/// </summary>
public sealed record ActorStateStore(IStateStore Store, ComponentManifest Manifest)
{
    public static ActorStateStore? Find(Sidecar.LocalSidecar sidecar)
    {
        var marked = sidecar.Components.All<IStateStore>(sidecar.AppId)
            .Where(c => c.Manifest.Metadata.TryGetValue("actorStateStore", out var flag)
                && string.Equals(flag.Literal, "true", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (marked.Count > 1)
        {
            throw DaprApiException.Internal("ERR_ACTOR_RUNTIME_NOT_FOUND",
                $"app '{sidecar.AppId}': more than one state store has actorStateStore: \"true\" ({string.Join(", ", marked.Select(m => m.Manifest.Name))}); mark exactly one");
        }

        return marked.Count == 0 ? null : new ActorStateStore(marked[0].Instance, marked[0].Manifest);
    }

    /// <summary>The actor state store, or the error daprd gives when actors are used without one.</summary>
    public static ActorStateStore Require(Sidecar.LocalSidecar sidecar) =>
        Find(sidecar) ?? throw DaprApiException.Internal("ERR_ACTOR_RUNTIME_NOT_FOUND", MissingMessage(sidecar.AppId));

    public static string MissingMessage(string appId) =>
        $"actors are not available for app '{appId}': no state store is configured for actors; " +
        "set metadata actorStateStore: \"true\" on exactly one state store component";

    public static string StateKey(string appId, string actorType, string actorId, string key) => $"{appId}||{actorType}||{actorId}||{key}";
}
