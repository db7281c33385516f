namespace LocalDapr.Components;

/// <summary>A <c>kind: Component</c> document (dapr.io/v1alpha1).</summary>
public sealed record ComponentManifest(
    string Name,
    string Type,
    string Version,
    IReadOnlyDictionary<string, MetadataValue> Metadata,
    IReadOnlyList<string> Scopes,
    string? AuthSecretStore,
    string FilePath)
{
    /// <summary>The category is the type's first segment: state, pubsub, bindings, secretstores.</summary>
    public string Category => Type.Split('.')[0];

    public bool IsVisibleTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);
}
