using LocalDapr.Components;
using LocalDapr.Sidecar;

namespace LocalDapr.Actors;

/// <summary>
/// daprd's actor runtime and placement service, on one machine, shared by every sidecar: which sidecars host
/// which actor types, where each active actor id lives, the turn each actor holds, idle deactivation, and the
/// <see cref="ActorTimers"/> and <see cref="ActorReminders"/> that call into them.
/// An id is placed by rendezvous hashing over the type's hosts and stays there while it is active.
/// </summary>
public sealed class ActorRuntime
{
    private readonly Dictionary<string, List<ActorHost>> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Id), ActiveActor> _active = [];
    private readonly Lock _gate = new();
    private readonly ILogger _logger;

    public ActorRuntime(RuntimeServices services)
    {
        Services = services;
        _logger = services.LoggerFactory.CreateLogger("dapr.actors");
        Timers = new ActorTimers(this);
        Reminders = new ActorReminders(this);
    }

    public RuntimeServices Services { get; }

    public ActorTimers Timers { get; }

    public ActorReminders Reminders { get; }

    private TimeProvider Clock => Services.Clock;

    public void Register(ActorHost host)
    {
        lock (_gate)
        {
            foreach (var type in host.Config.Entities)
            {
                var hosts = _hosts.TryGetValue(type, out var list) ? list : _hosts[type] = [];
                hosts.Add(host);
            }
        }
    }

    /// <summary>Removes a stopping host: its actors are dropped without a call (the app is going away), and the
    /// reminders of types nobody hosts any more wait in the store for the next host.</summary>
    public void Unregister(ActorHost host)
    {
        List<ActiveActor> dropped;
        List<string> orphaned = [];
        lock (_gate)
        {
            foreach (var type in host.Config.Entities)
            {
                if (_hosts.TryGetValue(type, out var hosts) && hosts.Remove(host) && hosts.Count == 0)
                {
                    _hosts.Remove(type);
                    orphaned.Add(type);
                }
            }

            dropped = [.. _active.Values.Where(a => a.Host == host)];
            foreach (var actor in dropped) _active.Remove((actor.Type, actor.Id));
        }

        foreach (var actor in dropped) actor.Retire();
        foreach (var type in orphaned) Reminders.Suspend(type);
    }

    public bool IsHosted(string actorType)
    {
        lock (_gate) return _hosts.ContainsKey(actorType);
    }

    /// <summary>The actor types <paramref name="sidecar"/>'s app hosts, with how many of each are active there (for /v1.0/metadata).</summary>
    public IReadOnlyList<(string Type, int Count)> ActiveCounts(Sidecar.LocalSidecar sidecar)
    {
        lock (_gate)
        {
            return [.. _hosts.Where(h => h.Value.Any(host => host.Sidecar == sidecar))
                .Select(h => (h.Key, _active.Values.Count(a => a.Type == h.Key && a.Host.Sidecar == sidecar)))];
        }
    }

    public bool IsHostedBy(Sidecar.LocalSidecar sidecar, string actorType)
    {
        lock (_gate) return _hosts.TryGetValue(actorType, out var hosts) && hosts.Any(h => h.Sidecar == sidecar);
    }

    /// <summary>Waits until the host's actors finish their calls, at most <paramref name="timeout"/> (drainOngoingCallTimeout).</summary>
    public async Task DrainAsync(ActorHost host, TimeSpan timeout)
    {
        var deadline = Clock.GetUtcNow() + timeout;
        while (Clock.GetUtcNow() < deadline)
        {
            lock (_gate)
            {
                if (!_active.Values.Any(a => a.Host == host && a.Pending > 0)) return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), Clock);
        }
    }

    /// <summary>The active actor for an id, placed on a host when it is not active yet.</summary>
    public ActiveActor Activate(string actorType, string actorId)
    {
        lock (_gate)
        {
            if (_active.TryGetValue((actorType, actorId), out var actor)) return actor;
            if (!_hosts.TryGetValue(actorType, out var hosts) || hosts.Count == 0)
            {
                throw DaprApiException.Internal("ERR_ACTOR_INVOKE_METHOD",
                    $"failed to invoke actor: did not find address for actor {actorType}/{actorId}: no app hosts actor type '{actorType}'");
            }

            var host = hosts.MaxBy(h => Spread($"{h.Key}|{actorId}"))!;
            actor = new ActiveActor(actorType, actorId, host, Clock.GetUtcNow());
            _active[(actorType, actorId)] = actor;
            return actor;
        }
    }

    public ActiveActor? FindActive(string actorType, string actorId)
    {
        lock (_gate) return _active.GetValueOrDefault((actorType, actorId));
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the actor's turn, placing the id if needed. <paramref name="reentrancyId"/> is
    /// the chain the caller belongs to; when the type allows reentrancy, a new chain starts if the caller had none,
    /// and <paramref name="work"/> gets the chain id to pass to the app.
    /// </summary>
    public async Task<T> RunTurnAsync<T>(string actorType, string actorId, string? reentrancyId, bool resetsIdle,
        Func<ActiveActor, string?, Task<T>> work, CancellationToken cancellationToken)
    {
        while (true)
        {
            var actor = Activate(actorType, actorId);
            var (done, result) = await TryRunTurnAsync(actor, reentrancyId, resetsIdle, work, cancellationToken);
            if (done) return result!;
        }
    }

    /// <summary>Runs <paramref name="work"/> in the turn of this very activation; false when it retired meanwhile.</summary>
    public async Task<(bool Done, T? Result)> TryRunTurnAsync<T>(ActiveActor actor, string? reentrancyId, bool resetsIdle,
        Func<ActiveActor, string?, Task<T>> work, CancellationToken cancellationToken)
    {
        var settings = actor.Host.Config.For(actor.Type);
        var chain = settings.ReentrancyEnabled ? reentrancyId ?? Guid.NewGuid().ToString() : null;
        actor.BeginWork();
        try
        {
            using var turn = await actor.Turn.EnterAsync(chain, settings.MaxStackDepth, cancellationToken);
            if (actor.Retired) return (false, default);
            if (resetsIdle) actor.Touch(Clock.GetUtcNow());
            try
            {
                return (true, await work(actor, chain));
            }
            finally
            {
                if (resetsIdle) actor.Touch(Clock.GetUtcNow());
            }
        }
        finally
        {
            actor.EndWork();
        }
    }

    /// <summary>Deactivates the host's actors that were not called for their type's idle timeout.</summary>
    public async Task DeactivateIdleAsync(ActorHost host, CancellationToken cancellationToken)
    {
        List<ActiveActor> candidates;
        lock (_gate) candidates = [.. _active.Values.Where(a => a.Host == host && a.Pending == 0 && IsIdle(a))];
        foreach (var actor in candidates)
        {
            using (await actor.Turn.EnterAsync(null, 1, cancellationToken))
            {
                if (actor.Retired || actor.Pending > 0 || !IsIdle(actor)) continue;
                lock (_gate) _active.Remove((actor.Type, actor.Id));
                actor.Retire();
                try
                {
                    await host.DeactivateAsync(actor.Type, actor.Id, cancellationToken);
                }
                catch (HttpRequestException e)
                {
                    _logger.LogWarning("deactivating actor {ActorType}/{ActorId} failed: {Error}", actor.Type, actor.Id, e.Message);
                }
            }
        }
    }

    public async Task DelayUntilAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var wait = at - Clock.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, Clock, cancellationToken);
    }

    private bool IsIdle(ActiveActor actor) => Clock.GetUtcNow() - actor.LastUsed >= actor.Host.Config.For(actor.Type).IdleTimeout;

    /// <summary>FNV-1a with MurmurHash3's finalizer, so ids that differ in a trailing character still spread over hosts.</summary>
    private static uint Spread(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }

        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        return hash ^ (hash >> 16);
    }
}
