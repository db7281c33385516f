namespace LocalDapr.Components;

/// <summary>A metadata value as written in component YAML: a literal or a reference into a secret store.</summary>
public sealed record MetadataValue(string? Literal, SecretKeyRef? SecretRef);

public sealed record SecretKeyRef(string Name, string Key);
