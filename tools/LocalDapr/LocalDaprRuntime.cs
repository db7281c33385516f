using System.Collections.Concurrent;
using LocalDapr.Actors;
using LocalDapr.Components;
using LocalDapr.Sidecar;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalDapr;

/// <summary>
/// The local runtime: components shared per resources path, one sidecar per app, and name resolution between them.
/// The launcher uses it for <c>dapr.yaml</c>; tests host it in-process to give an app a sidecar in seconds.
/// </summary>
public sealed class LocalDaprRuntime : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ComponentSet>>> _componentSets = new(StringComparer.Ordinal);
    private readonly List<Sidecar.LocalSidecar> _sidecars = [];
    private readonly Lock _gate = new();
    private int _roundRobin;

    public LocalDaprRuntime(RuntimeServices services)
    {
        Services = services;
        Actors = new ActorRuntime(services);
        Features = [new PubSub.SubscriptionFeature(), new Bindings.InputBindingFeature(), new ActorFeature(), new Workflows.WorkflowFeature(), new Outbox.OutboxFeature()];
    }

    public RuntimeServices Services { get; }

    /// <summary>Which sidecars host which actor types, shared by every sidecar of this runtime.</summary>
    public ActorRuntime Actors { get; }

    /// <summary>The callback features every sidecar runs once its app is ready.</summary>
    public IReadOnlyList<ISidecarFeature> Features { get; }

    public IReadOnlyList<Sidecar.LocalSidecar> Sidecars
    {
        get
        {
            lock (_gate) return [.. _sidecars];
        }
    }

    public static LocalDaprRuntime Create(string? baseDirectory = null, ILoggerFactory? loggerFactory = null, TimeProvider? clock = null) =>
        new(new RuntimeServices(baseDirectory ?? Directory.GetCurrentDirectory(), clock ?? TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance));

    /// <summary>Loads the app's components (once per resources path), opens the sidecar's ports and starts connecting to the app.</summary>
    public async Task<Sidecar.LocalSidecar> StartSidecarAsync(SidecarOptions options, CancellationToken cancellationToken = default)
    {
        var components = await ComponentsForAsync(options.ResourcesPaths, cancellationToken);
        var sidecar = new Sidecar.LocalSidecar(this, options, components);
        await sidecar.StartAsync(cancellationToken);
        lock (_gate) _sidecars.Add(sidecar);
        return sidecar;
    }

    public async Task StopSidecarAsync(Sidecar.LocalSidecar sidecar)
    {
        lock (_gate) _sidecars.Remove(sidecar);
        await sidecar.DisposeAsync();
    }

    /// <summary>Name resolution: a sidecar of <paramref name="appId"/>, round-robin when several run.</summary>
    public Sidecar.LocalSidecar? ResolveApp(string appId)
    {
        lock (_gate)
        {
            // Every invocation resolves its target: counted first, then picked, with no list built per call.
            var count = 0;
            foreach (var sidecar in _sidecars)
            {
                if (sidecar.AppId == appId && sidecar.App is not null) count++;
            }

            if (count == 0) return null;
            var pick = _roundRobin++ % count;
            foreach (var sidecar in _sidecars)
            {
                if (sidecar.AppId == appId && sidecar.App is not null && pick-- == 0) return sidecar;
            }

            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sidecar in Sidecars) await StopSidecarAsync(sidecar);
        foreach (var set in _componentSets.Values)
        {
            if (set.Value.IsCompletedSuccessfully) await (await set.Value).DisposeAsync();
        }
    }

    private Task<ComponentSet> ComponentsForAsync(IReadOnlyList<string> resourcesPaths, CancellationToken cancellationToken)
    {
        var paths = resourcesPaths.Select(p => Path.GetFullPath(p, Services.BaseDirectory)).ToList();
        var key = string.Join('|', paths);
        // Loading runs inside the task, so a refused resource faults the task instead of the Lazy (DisposeAsync reads every Lazy).
        var lazy = _componentSets.GetOrAdd(key, _ => new Lazy<Task<ComponentSet>>(async () =>
            await ComponentSet.CreateAsync(ResourceLoader.LoadFolders(paths), Services, cancellationToken)));
        if (lazy.Value.IsFaulted) _componentSets.TryRemove(key, out _);
        return lazy.Value;
    }
}
