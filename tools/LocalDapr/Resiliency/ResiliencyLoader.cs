using LocalDapr.Components;
using YamlDotNet.RepresentationModel;
using static LocalDapr.Components.ResourceLoader;

namespace LocalDapr.Resiliency;

/// <summary>
/// Reads a <c>kind: Resiliency</c> document (https://docs.dapr.io/operations/resiliency/resiliency-overview/) and
/// refuses, naming the file and the policy, whatever the local runtime would otherwise read and not apply: unknown
/// policy names, retry <c>matching</c>, trip expressions beyond simple comparisons, circuit breakers on actors and
/// components, outbound component policies, and daprd's built-in default policies.
/// </summary>
public static class ResiliencyLoader
{
    private static readonly string[] TargetKeys = ["timeout", "retry", "circuitBreaker"];

    public static ResiliencyManifest Parse(YamlMappingNode root, string file)
    {
        var name = Name(root, file);
        var where = $"{file}: resiliency '{name}'";
        var spec = Map(root, "spec") ?? throw new ResourceLoadException($"{where} has no spec");
        var policies = Map(spec, "policies");
        RefuseUnknownKeys(policies, ["timeouts", "retries", "circuitBreakers"], $"{where}: policies");

        var timeouts = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (key, node) in Children(Map(policies, "timeouts")))
            timeouts[PolicyName(key, where)] = Duration((node as YamlScalarNode)?.Value, null, $"{where}: timeout '{key}'");

        var retries = new Dictionary<string, RetryPolicy>(StringComparer.Ordinal);
        foreach (var (key, node) in Children(Map(policies, "retries")))
            retries[PolicyName(key, where)] = Retry(node as YamlMappingNode, $"{where}: retry '{key}'");

        var breakers = new Dictionary<string, CircuitBreakerPolicy>(StringComparer.Ordinal);
        foreach (var (key, node) in Children(Map(policies, "circuitBreakers")))
            breakers[PolicyName(key, where)] = Breaker(key, node as YamlMappingNode, $"{where}: circuit breaker '{key}'");

        var targets = Map(spec, "targets");
        RefuseUnknownKeys(targets, ["apps", "actors", "components"], $"{where}: targets");
        var names = new PolicyNames(timeouts.Keys, retries.Keys, breakers.Keys);
        var apps = Targets(Map(targets, "apps"), $"{where}: targets.apps", names, allowBreaker: true);
        var actors = Targets(Map(targets, "actors"), $"{where}: targets.actors", names, allowBreaker: false);
        var inbound = new Dictionary<string, ResiliencyTarget>(StringComparer.Ordinal);
        foreach (var (component, node) in Children(Map(targets, "components")))
        {
            var componentWhere = $"{where}: targets.components.{component}";
            var directions = node as YamlMappingNode;
            RefuseUnknownKeys(directions, ["inbound"], componentWhere,
                "outbound policies (calls from the sidecar to the component) are not applied by the local runtime; run this profile with daprd");
            if (Map(directions, "inbound") is { } direction)
                inbound[component] = Target(direction, $"{componentWhere}.inbound", names, allowBreaker: false);
        }

        return new ResiliencyManifest(name, timeouts, retries, breakers, apps, actors, inbound, Scopes(root), file);
    }

    private static RetryPolicy Retry(YamlMappingNode? node, string where)
    {
        if (node is null) throw new ResourceLoadException($"{where} is not a mapping");
        RefuseUnknownKeys(node, ["policy", "duration", "maxInterval", "maxRetries"], where,
            "retry 'matching' (status codes) is not applied by the local runtime; remove it or run with daprd");
        var policy = Scalar(node, "policy") ?? RetryPolicy.Constant;
        if (policy is not (RetryPolicy.Constant or RetryPolicy.Exponential))
            throw new ResourceLoadException($"{where}: policy '{policy}' is neither 'constant' nor 'exponential'");
        var maxRetries = Scalar(node, "maxRetries") is { } max
            ? int.TryParse(max, out var parsed) && parsed >= -1 ? parsed : throw new ResourceLoadException($"{where}: maxRetries '{max}' is not a whole number of -1 or more")
            : -1;
        return new RetryPolicy(policy,
            Duration(Scalar(node, "duration"), TimeSpan.FromSeconds(5), where),
            Duration(Scalar(node, "maxInterval"), TimeSpan.FromSeconds(60), where),
            maxRetries);
    }

    private static CircuitBreakerPolicy Breaker(string name, YamlMappingNode? node, string where)
    {
        if (node is null) throw new ResourceLoadException($"{where} is not a mapping");
        RefuseUnknownKeys(node, ["maxRequests", "interval", "timeout", "trip"], where);
        var maxRequests = Scalar(node, "maxRequests") is { } text
            ? int.TryParse(text, out var parsed) && parsed > 0 ? parsed : throw new ResourceLoadException($"{where}: maxRequests '{text}' is not a positive whole number")
            : 1;
        TripCondition trip;
        try
        {
            trip = Scalar(node, "trip") is { } expression ? TripCondition.Parse(expression) : TripCondition.Default;
        }
        catch (FormatException e)
        {
            throw new ResourceLoadException($"{where}: {e.Message}", e);
        }

        return new CircuitBreakerPolicy(name, maxRequests,
            Duration(Scalar(node, "interval"), TimeSpan.Zero, where),
            Duration(Scalar(node, "timeout"), TimeSpan.FromSeconds(60), where),
            trip);
    }

    private static Dictionary<string, ResiliencyTarget> Targets(YamlMappingNode? node, string where, PolicyNames names, bool allowBreaker) =>
        Children(node).ToDictionary(c => c.Key, c => Target(c.Node as YamlMappingNode, $"{where}.{c.Key}", names, allowBreaker), StringComparer.Ordinal);

    private static ResiliencyTarget Target(YamlMappingNode? node, string where, PolicyNames names, bool allowBreaker)
    {
        RefuseUnknownKeys(node, allowBreaker ? TargetKeys : ["timeout", "retry"], where,
            allowBreaker ? null : "circuit breakers are applied by the local runtime to apps only; remove it or run with daprd");
        return new ResiliencyTarget(
            Named(Scalar(node, "timeout"), names.Timeouts, "timeout", where),
            Named(Scalar(node, "retry"), names.Retries, "retry", where),
            Named(Scalar(node, "circuitBreaker"), names.CircuitBreakers, "circuit breaker", where));
    }

    private static string? Named(string? name, IEnumerable<string> defined, string kind, string where) =>
        name is null || defined.Contains(name, StringComparer.Ordinal)
            ? name
            : throw new ResourceLoadException($"{where} names {kind} policy '{name}', which is not defined");

    /// <summary>daprd gives names like DefaultRetryPolicy a meaning of their own (default policies), which is not applied here.</summary>
    private static string PolicyName(string name, string where) =>
        (name.StartsWith("Default", StringComparison.Ordinal) && name.EndsWith("Policy", StringComparison.Ordinal)) || name.StartsWith("DaprBuiltIn", StringComparison.Ordinal)
            ? throw new ResourceLoadException($"{where}: policy '{name}' would be one of daprd's default policies, which the local runtime does not apply; rename it and name it in targets")
            : name;

    private static TimeSpan Duration(string? text, TimeSpan? fallback, string where)
    {
        if (string.IsNullOrWhiteSpace(text))
            return fallback ?? throw new ResourceLoadException($"{where}: a duration is required");
        return DaprDuration.TryParse(text, out var value, out var repetitions) && repetitions is null
            ? value
            : throw new ResourceLoadException($"{where}: '{text}' is not a duration (expected e.g. 500ms, 5s, 1m30s)");
    }

    private static void RefuseUnknownKeys(YamlMappingNode? node, string[] known, string where, string? hint = null)
    {
        foreach (var (key, _) in Children(node))
        {
            if (!known.Contains(key, StringComparer.Ordinal))
                throw new ResourceLoadException($"{where}: '{key}' is not applied by the local runtime{(hint is null ? "" : $" ({hint})")}");
        }
    }

    private sealed record PolicyNames(IEnumerable<string> Timeouts, IEnumerable<string> Retries, IEnumerable<string> CircuitBreakers);
}
