using Grpc.Core;
using LocalDapr.Actors;
using LocalDapr.Sidecar;

namespace LocalDapr.Workflows;

/// <summary>
/// Dapr Workflow for every sidecar of the runtime: one <see cref="WorkflowEngine"/> per app id, kept in the app's
/// actor state store (the component marked <c>actorStateStore: "true"</c>, as daprd requires), shared by the app's
/// sidecars and stopped with the last of them. The engine starts when the app is ready, or at the first workflow call,
/// and then resumes the instances a previous run left in flight.
/// </summary>
public sealed class WorkflowFeature : ISidecarFeature
{
    private readonly Dictionary<string, (Task<WorkflowEngine> Engine, int Sidecars)> _engines = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void MapEndpoints(IEndpointRouteBuilder endpoints, Sidecar.LocalSidecar sidecar) => endpoints.MapWorkflowHttpApi(sidecar, this);

    public async Task<IAsyncDisposable?> StartAsync(Sidecar.LocalSidecar sidecar, CancellationToken cancellationToken)
    {
        if (ActorStateStore.Find(sidecar) is null) return null;
        Task<WorkflowEngine> engine;
        lock (_gate)
        {
            engine = EngineTask(sidecar);
            _engines[sidecar.AppId] = (engine, _engines[sidecar.AppId].Sidecars + 1);
        }

        await engine;
        return new Release(this, sidecar.AppId);
    }

    /// <summary>The app's engine, started on first use; fails as daprd does when the app has no actor state store.</summary>
    internal Task<WorkflowEngine> EngineAsync(Sidecar.LocalSidecar sidecar)
    {
        if (sidecar.Stopping.IsCancellationRequested) throw new RpcException(new Status(StatusCode.Unavailable, "the sidecar is stopping"));
        if (ActorStateStore.Find(sidecar) is null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"workflows need the actor runtime: {ActorStateStore.MissingMessage(sidecar.AppId)}"));
        }

        lock (_gate) return EngineTask(sidecar);
    }

    private Task<WorkflowEngine> EngineTask(Sidecar.LocalSidecar sidecar)
    {
        if (_engines.TryGetValue(sidecar.AppId, out var existing) && !existing.Engine.IsFaulted) return existing.Engine;
        var store = ActorStateStore.Require(sidecar).Store;
        var logger = sidecar.Services.LoggerFactory.CreateLogger($"dapr.{sidecar.AppId}.workflows");
        var engine = WorkflowEngine.StartAsync(sidecar.AppId, store, sidecar.Services.Clock, logger, CancellationToken.None);
        _engines[sidecar.AppId] = (engine, existing.Sidecars);
        return engine;
    }

    private sealed class Release(WorkflowFeature feature, string appId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Task<WorkflowEngine>? last = null;
            lock (feature._gate)
            {
                var (engine, sidecars) = feature._engines[appId];
                if (sidecars > 1)
                {
                    feature._engines[appId] = (engine, sidecars - 1);
                }
                else
                {
                    feature._engines.Remove(appId);
                    last = engine;
                }
            }

            if (last is not null) await (await last).DisposeAsync();
        }
    }
}
