using LocalDapr.PubSub;
using LocalDapr.Secrets;

namespace LocalDapr.Components;

/// <summary>
/// The components of one resources path, created once and shared by every sidecar that loads that path, so a
/// message published by one app reaches another through the same in-process broker. The <c>pubsub.in-memory</c>
/// components of a set are one broker, as two components pointing at one Redis are: a topic published on one reaches
/// the consumer groups of the other (the hub's per-replica groups on <c>hub-pubsub</c> hear what <c>pubsub</c> carries).
/// </summary>
public sealed class ComponentSet : IAsyncDisposable
{
    private readonly Dictionary<string, (ComponentManifest Manifest, object Instance)> _components = new(StringComparer.Ordinal);

    private InMemoryPubSub? _inMemoryBroker;

    private ComponentSet(ResourceSet resources) => Resources = resources;

    public ResourceSet Resources { get; }

    /// <summary>Creates every component; secret stores first, since other components' metadata may reference them.</summary>
    public static async Task<ComponentSet> CreateAsync(ResourceSet resources, RuntimeServices services, CancellationToken cancellationToken)
    {
        foreach (var manifest in resources.Components) ComponentFactory.EnsureSupported(manifest);
        var set = new ComponentSet(resources);
        try
        {
            foreach (var manifest in resources.Components.OrderBy(m => m.Category == "secretstores" ? 0 : 1))
            {
                var metadata = await set.ResolveMetadataAsync(manifest, cancellationToken);
                var instance = manifest.Type == InMemoryPubSub.ComponentType
                    ? set._inMemoryBroker ??= new InMemoryPubSub()
                    : ComponentFactory.Create(new ComponentContext(manifest, metadata, services));
                set._components[manifest.Name] = (manifest, instance);
            }
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }

        return set;
    }

    /// <summary>The component named <paramref name="name"/> of kind <typeparamref name="T"/>, if <paramref name="appId"/> may see it.</summary>
    public T? Find<T>(string name, string appId)
        where T : class =>
        _components.TryGetValue(name, out var c) && c.Manifest.IsVisibleTo(appId) ? c.Instance as T : null;

    /// <summary>Every component of kind <typeparamref name="T"/> that <paramref name="appId"/> may see.</summary>
    public IEnumerable<(ComponentManifest Manifest, T Instance)> All<T>(string appId)
        where T : class =>
        _components.Values.Where(c => c.Instance is T && c.Manifest.IsVisibleTo(appId)).Select(c => (c.Manifest, (T)c.Instance));

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _components.Values.Select(c => c.Instance).Distinct())
        {
            if (instance is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
            else if (instance is IDisposable disposable) disposable.Dispose();
        }

        _components.Clear();
    }

    private async Task<Dictionary<string, string>> ResolveMetadataAsync(ComponentManifest manifest, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in manifest.Metadata)
        {
            if (value.SecretRef is not { } reference)
            {
                resolved[key] = value.Literal ?? "";
                continue;
            }

            var where = $"{manifest.FilePath}: component '{manifest.Name}', metadata '{key}'";
            var storeName = manifest.AuthSecretStore
                ?? throw new ResourceLoadException($"{where}: uses secretKeyRef but the component has no auth.secretStore");
            if (!_components.TryGetValue(storeName, out var store) || store.Instance is not ISecretStore secrets)
                throw new ResourceLoadException($"{where}: secret store '{storeName}' is not defined");
            var secret = await secrets.GetAsync(reference.Name, cancellationToken);
            if (secret is null || !secret.TryGetValue(reference.Key, out var secretValue))
                throw new ResourceLoadException($"{where}: secret '{reference.Name}' (key '{reference.Key}') is missing from secret store '{storeName}'");
            resolved[key] = secretValue;
        }

        return resolved;
    }
}
