using System.Collections;
using LocalDapr.Components;

namespace LocalDapr.Secrets;

/// <summary>
/// <c>secretstores.local.env</c> (https://docs.dapr.io/reference/components-reference/supported-secret-stores/envvar-secret-store/):
/// each environment variable of the runtime is a secret. With <c>prefix</c>, only variables starting with it are
/// visible, and they are named without it.
/// </summary>
public sealed class EnvironmentSecretStore(ComponentContext context) : ISecretStore
{
    private readonly string _prefix = context.Optional("prefix") ?? "";

    public Task<IReadOnlyDictionary<string, string>?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var value = Environment.GetEnvironmentVariable(_prefix + key);
        return Task.FromResult<IReadOnlyDictionary<string, string>?>(value is null ? null : new Dictionary<string, string> { [key] = value });
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> GetAllAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (!name.StartsWith(_prefix, StringComparison.Ordinal)) continue;
            var key = name[_prefix.Length..];
            all[key] = new Dictionary<string, string> { [key] = (string?)entry.Value ?? "" };
        }

        return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>(all);
    }
}
