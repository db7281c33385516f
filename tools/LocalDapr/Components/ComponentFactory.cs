using LocalDapr.Bindings;
using LocalDapr.PubSub;
using LocalDapr.Secrets;
using LocalDapr.State;

namespace LocalDapr.Components;

/// <summary>Maps a component type to its implementation; any other type stops the runtime with a clear message.</summary>
public static class ComponentFactory
{
    private static readonly Dictionary<string, Func<ComponentContext, object>> Factories = new(StringComparer.Ordinal)
    {
        ["state.in-memory"] = c => new InMemoryStateStore(c.Services.Clock),
        ["state.sqlite"] = c => new SqliteStateStore(c),
        ["state.redis"] = c => new RedisStateStore(c),
        [InMemoryPubSub.ComponentType] = _ => new InMemoryPubSub(),
        ["pubsub.redis"] = c => new RedisStreamsPubSub(c),
        ["secretstores.local.file"] = c => new LocalFileSecretStore(c),
        ["secretstores.local.env"] = c => new EnvironmentSecretStore(c),
        ["bindings.localstorage"] = c => new LocalStorageBinding(c),
        ["bindings.http"] = c => new HttpBinding(c),
        ["bindings.smtp"] = c => new SmtpBinding(c),
        ["bindings.cron"] = c => new CronBinding(c),
    };

    public static IReadOnlyCollection<string> SupportedTypes => Factories.Keys;

    public static void EnsureSupported(ComponentManifest manifest)
    {
        if (!Factories.ContainsKey(manifest.Type))
        {
            throw new ResourceLoadException(
                $"{manifest.FilePath}: component '{manifest.Name}' has type '{manifest.Type}', which the local runtime does not support " +
                $"(it supports {string.Join(", ", Factories.Keys.Order(StringComparer.Ordinal))}); run this profile with daprd");
        }
    }

    public static object Create(ComponentContext context)
    {
        EnsureSupported(context.Manifest);
        return Factories[context.Manifest.Type](context);
    }
}
