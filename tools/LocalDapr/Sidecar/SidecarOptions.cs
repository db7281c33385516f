namespace LocalDapr.Sidecar;

/// <summary>One app's sidecar, as <c>dapr run</c> flags or a <c>dapr.yaml</c> entry describe it.</summary>
public sealed record SidecarOptions
{
    public required string AppId { get; init; }

    /// <summary>The app's port; null for an app that only calls out (no callbacks, no invocation into it).</summary>
    public int? AppPort { get; init; }

    /// <summary><c>http</c> (HTTP/1.1 to the app), or <c>grpc</c>/<c>h2c</c> (cleartext HTTP/2 to the app).</summary>
    public string AppProtocol { get; init; } = "http";

    /// <summary>The sidecar's HTTP API port; 0 picks a free one.</summary>
    public int HttpPort { get; init; }

    /// <summary>The sidecar's gRPC API port; 0 picks a free one.</summary>
    public int GrpcPort { get; init; }

    public IReadOnlyList<string> ResourcesPaths { get; init; } = [];

    /// <summary>Token the app must send to the sidecar (<c>DAPR_API_TOKEN</c>); null = not checked.</summary>
    public string? DaprApiToken { get; init; }

    /// <summary>Token the sidecar sends to the app (<c>APP_API_TOKEN</c>); null = none sent.</summary>
    public string? AppApiToken { get; init; }

    public bool EnableAppHealthCheck { get; init; }

    public string AppHealthCheckPath { get; init; } = "/healthz";

    /// <summary>The pod name <c>{podName}</c> in component metadata stands for (daprd reads POD_NAME); null = app-id and HTTP port.</summary>
    public string? PodName { get; init; }

    public TimeSpan AppHealthProbeInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the app may take to answer before the sidecar reports it overdue (it keeps waiting: <see cref="LocalSidecar.AppStartOverdue"/>).</summary>
    public TimeSpan AppStartTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public bool UsesHttp2ToApp => AppProtocol is "grpc" or "h2c";
}
