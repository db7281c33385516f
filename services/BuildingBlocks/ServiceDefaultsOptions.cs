namespace SpaceOfSport.BuildingBlocks;

/// <summary>How <see cref="Extensions.AddServiceDefaults{TBuilder}"/> shapes the pipeline of one deployable.</summary>
public sealed class ServiceDefaultsOptions
{
    /// <summary>
    /// True for the public gateway: its traffic comes from browsers, so only the Dapr callback paths
    /// (<see cref="DaprCallbacks.Paths"/>) need the app API token, and request bodies are never unwrapped
    /// from CloudEvents. False (the default) for a service, which is reached only through its sidecar.
    /// </summary>
    public bool BrowserFacing { get; set; }

    /// <summary>
    /// Paths a browser reaches directly through the gateway rather than through the sidecar (the real-time hub's
    /// WebSocket): they carry no app API token, so they must authenticate their callers themselves.
    /// </summary>
    public IReadOnlyList<PathString> DirectPaths { get; set; } = [];
}
