namespace LocalDapr.Components;

/// <summary>
/// A Dapr <c>kind: Configuration</c>: the local runtime checks that it reads, but applies none of it (apps export their
/// own OpenTelemetry traces; daprd's tracing, features and API allow-lists matter only under daprd).
/// </summary>
public sealed record ConfigurationManifest(string Name, string FilePath);
