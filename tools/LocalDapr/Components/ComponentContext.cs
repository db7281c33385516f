using System.Globalization;

namespace LocalDapr.Components;

/// <summary>What a component's constructor gets: its manifest, its metadata with secrets resolved, and runtime services.</summary>
public sealed class ComponentContext(
    ComponentManifest manifest,
    IReadOnlyDictionary<string, string> metadata,
    RuntimeServices services)
{
    public ComponentManifest Manifest { get; } = manifest;

    public string Name => Manifest.Name;

    /// <summary>Metadata values, secretKeyRefs resolved; names compare without regard to case, as in daprd.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    public RuntimeServices Services { get; } = services;

    public string Required(string key) =>
        Metadata.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw Error($"metadata '{key}' is required");

    public string? Optional(string key) => Metadata.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    public int Int(string key, int fallback) =>
        Optional(key) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw Error($"metadata '{key}' must be an integer, not '{text}'");

    public bool Bool(string key, bool fallback) =>
        Optional(key) is not { } text ? fallback
        : bool.TryParse(text, out var value) ? value
        : throw Error($"metadata '{key}' must be true or false, not '{text}'");

    public TimeSpan Duration(string key, TimeSpan fallback)
    {
        if (Optional(key) is not { } text) return fallback;
        return DaprDuration.TryParse(text, out var value, out _) ? value : throw Error($"metadata '{key}' must be a duration, not '{text}'");
    }

    /// <summary>A path from metadata; relative paths are taken from the runtime's base directory (where dapr.yaml is).</summary>
    public string Path(string key) => System.IO.Path.GetFullPath(Required(key), Services.BaseDirectory);

    public ResourceLoadException Error(string problem) =>
        new($"{Manifest.FilePath}: component '{Manifest.Name}' ({Manifest.Type}): {problem}");
}
