using LocalDapr.Resiliency;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LocalDapr.Components;

/// <summary>
/// Reads Dapr resource YAML (Component, Subscription, Resiliency; Configuration through <see cref="LoadConfiguration"/>)
/// the way daprd does: every *.yaml/*.yml in the folder, several documents per file allowed, unknown kinds ignored.
/// </summary>
public static class ResourceLoader
{
    public static ResourceSet LoadFolders(IEnumerable<string> folders)
    {
        var components = new List<ComponentManifest>();
        var subscriptions = new List<SubscriptionManifest>();
        var resiliencies = new List<ResiliencyManifest>();
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
                throw new ResourceLoadException($"resources path '{folder}' does not exist");
            var files = Directory.EnumerateFiles(folder)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                foreach (var (kind, root) in ReadDocuments(file))
                {
                    switch (kind)
                    {
                        case "Component": components.Add(ParseComponent(root, file)); break;
                        case "Subscription": subscriptions.Add(ParseSubscription(root, file)); break;
                        case "Resiliency": resiliencies.Add(ResiliencyLoader.Parse(root, file)); break;
                        default: break; // Configuration and other kinds are not resources of a folder.
                    }
                }
            }
        }

        var duplicate = components.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ResourceLoadException($"component '{duplicate.Key}' is defined twice: {string.Join(", ", duplicate.Select(c => c.FilePath))}");
        return new ResourceSet(components, subscriptions, resiliencies);
    }

    public static ConfigurationManifest LoadConfiguration(string file)
    {
        foreach (var (kind, root) in ReadDocuments(file))
        {
            if (kind == "Configuration") return new ConfigurationManifest(Name(root, file), file);
        }
        throw new ResourceLoadException($"{file}: no document of kind Configuration");
    }

    private static IEnumerable<(string Kind, YamlMappingNode Root)> ReadDocuments(string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ResourceLoadException($"{file}: malformed YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ResourceLoadException($"{file}: cannot be read: {e.Message}", e);
        }

        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" }) continue;
            if (document.RootNode is not YamlMappingNode root)
                throw new ResourceLoadException($"{file}: a document is not a mapping (expected apiVersion, kind, metadata, spec)");
            // A document without a kind is not a Dapr resource (e.g. a run file beside the components): skip it.
            if (Scalar(root, "kind") is { } kind) yield return (kind, root);
        }
    }

    private static ComponentManifest ParseComponent(YamlMappingNode root, string file)
    {
        var name = Name(root, file);
        var spec = Map(root, "spec") ?? throw new ResourceLoadException($"{file}: component '{name}' has no spec");
        var type = Scalar(spec, "type") ?? throw new ResourceLoadException($"{file}: component '{name}' has no spec.type");
        var version = Scalar(spec, "version") ?? "v1";
        var metadata = new Dictionary<string, MetadataValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in Sequence(spec, "metadata"))
        {
            if (item is not YamlMappingNode entry)
                throw new ResourceLoadException($"{file}: component '{name}' has a metadata entry that is not a mapping");
            var key = Scalar(entry, "name") ?? throw new ResourceLoadException($"{file}: component '{name}' has a metadata entry without a name");
            var secretRef = Map(entry, "secretKeyRef");
            metadata[key] = secretRef is null
                ? new MetadataValue(ScalarOrFlow(entry, "value") ?? "", null)
                : new MetadataValue(null, new SecretKeyRef(
                    Scalar(secretRef, "name") ?? throw new ResourceLoadException($"{file}: component '{name}', metadata '{key}': secretKeyRef has no name"),
                    Scalar(secretRef, "key") ?? Scalar(secretRef, "name")!));
        }

        var auth = Map(root, "auth");
        return new ComponentManifest(name, type, version, metadata, Scopes(root), Scalar(auth, "secretStore"), file);
    }

    private static SubscriptionManifest ParseSubscription(YamlMappingNode root, string file)
    {
        var name = Name(root, file);
        var spec = Map(root, "spec") ?? throw new ResourceLoadException($"{file}: subscription '{name}' has no spec");
        var pubsub = Scalar(spec, "pubsubname") ?? throw new ResourceLoadException($"{file}: subscription '{name}' has no spec.pubsubname");
        var topic = Scalar(spec, "topic") ?? throw new ResourceLoadException($"{file}: subscription '{name}' has no spec.topic");
        // v1alpha1 has spec.route; v2alpha1 has spec.routes {rules, default}.
        var route = Scalar(spec, "route");
        var rules = new List<RouteRule>();
        var routes = Map(spec, "routes");
        if (routes is not null)
        {
            route = Scalar(routes, "default") ?? route;
            foreach (var rule in Sequence(routes, "rules").OfType<YamlMappingNode>())
                rules.Add(new RouteRule(Scalar(rule, "match") ?? "", Scalar(rule, "path") ?? ""));
        }

        if (route is null && rules.Count == 0)
            throw new ResourceLoadException($"{file}: subscription '{name}' has neither a route nor routes");
        var metadata = Children(Map(spec, "metadata"))
            .ToDictionary(c => c.Key, c => (c.Node as YamlScalarNode)?.Value ?? "");
        var bulk = Map(spec, "bulkSubscribe");
        return new SubscriptionManifest(name, pubsub, topic, route, rules, Scalar(spec, "deadLetterTopic"), metadata, Scopes(root), file)
        {
            Bulk = BulkSubscribeOptions.From(bool.TryParse(Scalar(bulk, "enabled"), out var enabled) && enabled,
                int.TryParse(Scalar(bulk, "maxMessagesCount"), out var count) ? count : null,
                int.TryParse(Scalar(bulk, "maxAwaitDurationMs"), out var wait) ? wait : null),
        };
    }

    internal static string Name(YamlMappingNode root, string file) =>
        Scalar(Map(root, "metadata"), "name") ?? throw new ResourceLoadException($"{file}: a {Scalar(root, "kind")} has no metadata.name");

    internal static List<string> Scopes(YamlMappingNode root) =>
        Sequence(root, "scopes").OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToList();

    internal static IEnumerable<(string Key, YamlNode Node)> Children(YamlMappingNode? node) =>
        node?.Children.Select(kv => (((YamlScalarNode)kv.Key).Value ?? "", kv.Value)) ?? [];

    internal static YamlMappingNode? Map(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    internal static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode seq ? seq.Children : [];

    internal static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;

    /// <summary>A metadata value may be a scalar or, rarely, a structured value that Dapr passes on as JSON.</summary>
    private static string? ScalarOrFlow(YamlMappingNode node, string key)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var child)) return null;
        return child is YamlScalarNode scalar ? scalar.Value : System.Text.Json.JsonSerializer.Serialize(ToPlain(child));
    }

    private static object? ToPlain(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value,
        YamlSequenceNode seq => seq.Children.Select(ToPlain).ToList(),
        YamlMappingNode map => map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => ToPlain(kv.Value)),
        _ => null,
    };
}
