using LocalDapr.Components;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LocalDapr.Hosting;

/// <summary>
/// The multi-app run file <c>dapr.yaml</c> (https://docs.dapr.io/developing-applications/local-development/multi-app-dapr-run/multi-app-template/).
/// Paths under <c>common</c> are relative to the file; paths of an app are relative to its <c>appDirPath</c>.
/// </summary>
public sealed record RunFile(string FilePath, IReadOnlyList<RunFileApp> Apps)
{
    public string Directory => Path.GetDirectoryName(FilePath)!;

    public static RunFile Load(string path, IReadOnlyList<string>? resourcesOverride = null)
    {
        path = Path.GetFullPath(System.IO.Directory.Exists(path) ? Path.Combine(path, "dapr.yaml") : path);
        if (!File.Exists(path)) throw new ResourceLoadException($"run file '{path}' does not exist");
        var root = ReadRoot(path);
        var baseDir = Path.GetDirectoryName(path)!;

        var common = Map(root, "common");
        var commonEnv = Env(common);
        var commonResources = resourcesOverride?.Select(p => Path.GetFullPath(p, baseDir)).ToList()
            ?? ResourcePaths(common, baseDir)
            ?? [Path.Combine(baseDir, "components")];
        var commonConfig = Scalar(common, "configFilePath") is { } cfg ? Path.GetFullPath(cfg, baseDir) : null;

        var apps = new List<RunFileApp>();
        if (!root.Children.TryGetValue(new YamlScalarNode("apps"), out var appsNode) || appsNode is not YamlSequenceNode appList)
            throw new ResourceLoadException($"{path}: 'apps' must be a list");
        foreach (var node in appList.OfType<YamlMappingNode>())
        {
            var appId = Scalar(node, "appID") ?? throw new ResourceLoadException($"{path}: an app has no appID");
            var appDir = Scalar(node, "appDirPath") ?? throw new ResourceLoadException($"{path}: app '{appId}' has no appDirPath");
            appDir = Path.GetFullPath(appDir, baseDir);
            var env = new Dictionary<string, string>(commonEnv);
            foreach (var (key, value) in Env(node)) env[key] = value;
            var command = node.Children.TryGetValue(new YamlScalarNode("command"), out var commandNode) && commandNode is YamlSequenceNode commandList
                ? commandList.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList()
                : [];
            apps.Add(new RunFileApp(
                appId,
                appDir,
                Int(node, "appPort", path, appId),
                Scalar(node, "appProtocol") ?? Scalar(common, "appProtocol") ?? "http",
                Int(node, "daprHTTPPort", path, appId) ?? 0,
                Int(node, "daprGRPCPort", path, appId) ?? 0,
                command,
                env,
                resourcesOverride is null ? ResourcePaths(node, appDir) ?? commonResources : commonResources,
                Scalar(node, "configFilePath") is { } appConfig ? Path.GetFullPath(appConfig, appDir) : commonConfig,
                bool.TryParse(Scalar(node, "enableAppHealthCheck"), out var health) && health,
                Scalar(node, "appHealthCheckPath") ?? "/healthz",
                env.GetValueOrDefault("DAPR_API_TOKEN"),
                env.GetValueOrDefault("APP_API_TOKEN")));
        }

        var duplicate = apps.GroupBy(a => a.AppId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ResourceLoadException($"{path}: app '{duplicate.Key}' is listed twice");
        return new RunFile(path, apps);
    }

    private static YamlMappingNode ReadRoot(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            return stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new ResourceLoadException($"{path}: the run file is not a mapping");
        }
        catch (YamlException e)
        {
            throw new ResourceLoadException($"{path}: malformed YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
    }

    private static List<string>? ResourcePaths(YamlMappingNode? node, string baseDir)
    {
        if (node is null) return null;
        if (node.Children.TryGetValue(new YamlScalarNode("resourcesPaths"), out var many) && many is YamlSequenceNode list)
            return list.OfType<YamlScalarNode>().Select(s => Path.GetFullPath(s.Value ?? ".", baseDir)).ToList();
        return Scalar(node, "resourcesPath") is { } one ? [Path.GetFullPath(one, baseDir)] : null;
    }

    private static Dictionary<string, string> Env(YamlMappingNode? node) =>
        Map(node, "env")?.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => (kv.Value as YamlScalarNode)?.Value ?? "")
        ?? [];

    private static int? Int(YamlMappingNode node, string key, string path, string appId) =>
        Scalar(node, key) is not { } text ? null
        : int.TryParse(text, out var value) && value is > 0 and < 65536 ? value
        : throw new ResourceLoadException($"{path}: app '{appId}': {key} must be a port number, not '{text}'");

    private static YamlMappingNode? Map(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;
}
