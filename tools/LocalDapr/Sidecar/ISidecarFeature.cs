namespace LocalDapr.Sidecar;

/// <summary>
/// A part of the sidecar that talks back to its app (subscriptions, input bindings, actors): it may add HTTP API
/// endpoints, and it starts once the app answers on its port.
/// </summary>
public interface ISidecarFeature
{
    void MapEndpoints(IEndpointRouteBuilder endpoints, LocalSidecar sidecar)
    {
    }

    /// <summary>Starts the feature for a ready app; the result is disposed when the sidecar stops.</summary>
    Task<IAsyncDisposable?> StartAsync(LocalSidecar sidecar, CancellationToken cancellationToken);
}
