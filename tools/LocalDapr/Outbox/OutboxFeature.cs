using LocalDapr.Sidecar;

namespace LocalDapr.Outbox;

/// <summary>Starts each sidecar's outbox relay (<see cref="StateOutbox"/>) with its other callbacks.</summary>
public sealed class OutboxFeature : ISidecarFeature
{
    public Task<IAsyncDisposable?> StartAsync(LocalSidecar sidecar, CancellationToken cancellationToken)
    {
        sidecar.Outbox.Start();
        return Task.FromResult<IAsyncDisposable?>(sidecar.Outbox);
    }
}
