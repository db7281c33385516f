namespace LocalDapr.Hosting;

/// <summary>One app of a multi-app run file.</summary>
public sealed record RunFileApp(
    string AppId,
    string AppDirPath,
    int? AppPort,
    string AppProtocol,
    int DaprHttpPort,
    int DaprGrpcPort,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<string> ResourcesPaths,
    string? ConfigFilePath,
    bool EnableAppHealthCheck,
    string AppHealthCheckPath,
    string? DaprApiToken,
    string? AppApiToken);
