using System.Text.Json;
using LocalDapr.Components;

namespace LocalDapr.Secrets;

/// <summary>
/// <c>secretstores.local.file</c> (https://docs.dapr.io/reference/components-reference/supported-secret-stores/file-secret-store/):
/// a JSON file; nested objects are flattened with <c>nestedSeparator</c> (default ":"). With <c>multiValued: true</c>
/// each top-level key is one secret holding its nested values.
/// </summary>
public sealed class LocalFileSecretStore : ISecretStore
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _secrets = new(StringComparer.Ordinal);

    public LocalFileSecretStore(ComponentContext context)
    {
        var path = context.Path("secretsFile");
        var separator = context.Optional("nestedSeparator") ?? ":";
        var multiValued = context.Bool("multiValued", false);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw context.Error($"cannot read secrets file '{path}': {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object) throw context.Error($"secrets file '{path}' must hold a JSON object");
        foreach (var property in root.EnumerateObject())
        {
            if (multiValued && property.Value.ValueKind == JsonValueKind.Object)
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                Flatten(property.Value, "", separator, values);
                _secrets[property.Name] = values;
            }
            else
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                Flatten(property.Value, property.Name, separator, values);
                foreach (var (key, value) in values) _secrets[key] = new Dictionary<string, string> { [key] = value };
            }
        }
    }

    public Task<IReadOnlyDictionary<string, string>?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_secrets.GetValueOrDefault(key));

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> GetAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>(_secrets);

    private static void Flatten(JsonElement element, string prefix, string separator, Dictionary<string, string> into)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var child in element.EnumerateObject())
                Flatten(child.Value, prefix.Length == 0 ? child.Name : prefix + separator + child.Name, separator, into);
            return;
        }

        into[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
    }
}
