using System.Reflection;
using Dapr.Client.Autogen.Grpc.v1;
using LocalDapr.Bindings;
using LocalDapr.State;

namespace LocalDapr.Sidecar;

/// <summary>
/// What the metadata API reports about a sidecar (https://docs.dapr.io/reference/api/metadata_api/): app-id, runtime
/// version, components with their capabilities, subscriptions, actors, app connection and extended attributes. One
/// model for gRPC <c>GetMetadata</c> and HTTP <c>GET /v1.0/metadata</c>, whose JSON names follow daprd's
/// (dapr/dapr pkg/api/http/metadata.go).
/// </summary>
public static class SidecarMetadata
{
    /// <summary>This runtime's own name and version, never a daprd version it is not: <c>local-dapr/&lt;version&gt;</c>.</summary>
    public static string RuntimeVersion { get; } =
        "local-dapr/" + (typeof(SidecarMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    /// <summary>Which daprd API the runtime follows, in <c>extended</c> (the SDK this repository uses talks to it).</summary>
    public const string Emulates = "daprd API as the Dapr .NET SDK 1.19 uses it";

    public static GetMetadataResponse Describe(LocalSidecar sidecar)
    {
        var response = new GetMetadataResponse { Id = sidecar.AppId, RuntimeVersion = RuntimeVersion };
        response.RegisteredComponents.AddRange(sidecar.ComponentManifests.Select(m =>
        {
            var component = new RegisteredComponents { Name = m.Name, Type = m.Type, Version = m.Version };
            component.Capabilities.AddRange(Capabilities(sidecar, m));
            return component;
        }));
        response.Subscriptions.AddRange(sidecar.Subscriptions.Values.Select(Subscription));
        var actors = sidecar.Runtime.Actors.ActiveCounts(sidecar).Select(a => new ActiveActorsCount { Type = a.Type, Count = a.Count }).ToList();
        response.ActorRuntime = new ActorRuntime
        {
            RuntimeStatus = ActorRuntime.Types.ActorRuntimeStatus.Running,
            HostReady = actors.Count > 0,
            Placement = "placement: local (one process)",
        };
        response.ActorRuntime.ActiveActors.AddRange(actors.Select(a => a.Clone()));
        if (sidecar.Options.AppPort is { } port)
        {
            response.AppConnectionProperties = new AppConnectionProperties
            {
                Port = port,
                Protocol = sidecar.Options.AppProtocol,
                ChannelAddress = "127.0.0.1",
                Health = sidecar.Options.EnableAppHealthCheck
                    ? new AppConnectionHealthProperties
                    {
                        HealthCheckPath = sidecar.Options.AppHealthCheckPath,
                        HealthProbeInterval = $"{sidecar.Options.AppHealthProbeInterval.TotalSeconds:0.###}s",
                    }
                    : null,
            };
        }

        response.ExtendedMetadata["daprRuntimeVersion"] = RuntimeVersion;
        response.ExtendedMetadata["emulates"] = Emulates;
        foreach (var (key, value) in sidecar.ExtendedMetadata) response.ExtendedMetadata[key] = value;
        return response;
    }

    /// <summary>The HTTP answer: daprd's JSON shape, empty collections left out as daprd leaves them out.</summary>
    public static object ToJson(GetMetadataResponse metadata) => new Dictionary<string, object?>
    {
        ["id"] = metadata.Id,
        ["runtimeVersion"] = metadata.RuntimeVersion,
        ["enabledFeatures"] = metadata.EnabledFeatures.ToList(),
        ["actors"] = metadata.ActorRuntime.ActiveActors.Select(a => new { type = a.Type, count = a.Count }),
        ["components"] = metadata.RegisteredComponents.Select(c => new { name = c.Name, type = c.Type, version = c.Version, capabilities = c.Capabilities.ToList() }),
        ["extended"] = metadata.ExtendedMetadata.ToDictionary(),
        ["subscriptions"] = metadata.Subscriptions.Select(s => new
        {
            pubsubname = s.PubsubName,
            topic = s.Topic,
            metadata = s.Metadata.ToDictionary(),
            rules = s.Rules.Rules.Select(r => new { match = r.Match, path = r.Path }),
            deadLetterTopic = s.DeadLetterTopic,
            type = s.Type.ToString().ToUpperInvariant(),
        }),
        ["appConnectionProperties"] = metadata.AppConnectionProperties is { } app
            ? new
            {
                port = app.Port,
                protocol = app.Protocol,
                channelAddress = app.ChannelAddress,
                health = app.Health is { } health ? new { healthCheckPath = health.HealthCheckPath, healthProbeInterval = health.HealthProbeInterval } : null,
            }
            : null,
        ["actorRuntime"] = new
        {
            runtimeStatus = metadata.ActorRuntime.RuntimeStatus.ToString().ToUpperInvariant(),
            activeActors = metadata.ActorRuntime.ActiveActors.Select(a => new { type = a.Type, count = a.Count }),
            hostReady = metadata.ActorRuntime.HostReady,
            placement = metadata.ActorRuntime.Placement,
        },
    };

    private static PubsubSubscription Subscription(PubSub.TopicSubscription subscription)
    {
        var result = new PubsubSubscription
        {
            PubsubName = subscription.PubSubName,
            Topic = subscription.Topic,
            DeadLetterTopic = subscription.DeadLetterTopic ?? "",
            Type = subscription.IsDeclarative ? PubsubSubscriptionType.Declarative : PubsubSubscriptionType.Programmatic,
            Rules = new PubsubSubscriptionRules(),
        };
        foreach (var (key, value) in subscription.Metadata) result.Metadata[key] = value;
        result.Rules.Rules.AddRange(subscription.Rules.Select(r => new PubsubSubscriptionRule { Match = r.Match, Path = r.Path }));
        // daprd lists the default route as the last rule, one without a match.
        if (!string.IsNullOrEmpty(subscription.DefaultRoute)) result.Rules.Rules.Add(new PubsubSubscriptionRule { Path = subscription.DefaultRoute });
        return result;
    }

    /// <summary>The capabilities daprd lists for state stores and bindings.</summary>
    private static IEnumerable<string> Capabilities(LocalSidecar sidecar, Components.ComponentManifest manifest)
    {
        if (sidecar.Components.All<IStateStore>(sidecar.AppId).Any(c => c.Manifest == manifest))
        {
            yield return "ETAG";
            yield return "TRANSACTION";
            if (manifest.Metadata.TryGetValue("actorStateStore", out var flag) && string.Equals(flag.Literal, "true", StringComparison.OrdinalIgnoreCase))
                yield return "ACTOR";
        }

        if (sidecar.Components.All<IInputBinding>(sidecar.AppId).Any(c => c.Manifest == manifest)) yield return "INPUT_BINDING";
        if (sidecar.Components.All<IOutputBinding>(sidecar.AppId).Any(c => c.Manifest == manifest)) yield return "OUTPUT_BINDING";
    }
}
