using System.Text.Json;
using LocalDapr.Components;

namespace LocalDapr.Actors;

/// <summary>
/// The app's answer to <c>GET /dapr/config</c> (https://docs.dapr.io/reference/api/actors_api/#get-registered-actors):
/// the actor types it hosts and their runtime settings; <c>entitiesConfig</c> overrides them per type.
/// <c>remindersStoragePartitions</c> is ignored: this runtime stores reminders one key each.
/// </summary>
public sealed class ActorAppConfig
{
    /// <summary>Dapr's defaults (https://docs.dapr.io/developing-applications/building-blocks/actors/actors-runtime-config/).</summary>
    private static readonly ActorTypeSettings Defaults = new(TimeSpan.FromMinutes(60), false, 32);

    private readonly Dictionary<string, ActorTypeSettings> _perType = new(StringComparer.Ordinal);

    private ActorAppConfig(IReadOnlyList<string> entities, TimeSpan scanInterval, TimeSpan drainTimeout, ActorTypeSettings general)
    {
        Entities = entities;
        ScanInterval = scanInterval;
        DrainOngoingCallTimeout = drainTimeout;
        General = general;
    }

    public IReadOnlyList<string> Entities { get; }

    public TimeSpan ScanInterval { get; }

    public TimeSpan DrainOngoingCallTimeout { get; }

    public ActorTypeSettings General { get; }

    public ActorTypeSettings For(string actorType) => _perType.GetValueOrDefault(actorType, General);

    public static ActorAppConfig Parse(JsonElement json)
    {
        var general = Settings(json, Defaults);
        var config = new ActorAppConfig(
            Strings(json, "entities"),
            Duration(json, "actorScanInterval", TimeSpan.FromSeconds(30)),
            Duration(json, "drainOngoingCallTimeout", TimeSpan.FromMinutes(1)),
            general);
        if (json.TryGetProperty("entitiesConfig", out var perType) && perType.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in perType.EnumerateArray())
            {
                var settings = Settings(entry, general);
                foreach (var type in Strings(entry, "entities")) config._perType[type] = settings;
            }
        }

        return config;
    }

    private static ActorTypeSettings Settings(JsonElement json, ActorTypeSettings fallback)
    {
        var reentrancy = json.TryGetProperty("reentrancy", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        return new ActorTypeSettings(
            Duration(json, "actorIdleTimeout", fallback.IdleTimeout),
            reentrancy.ValueKind == JsonValueKind.Object && reentrancy.TryGetProperty("enabled", out var enabled)
                ? enabled.ValueKind == JsonValueKind.True
                : fallback.ReentrancyEnabled,
            reentrancy.ValueKind == JsonValueKind.Object && reentrancy.TryGetProperty("maxStackDepth", out var depth) && depth.TryGetInt32(out var max)
                ? max
                : fallback.MaxStackDepth);
    }

    private static List<string> Strings(JsonElement json, string name) =>
        json.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    private static TimeSpan Duration(JsonElement json, string name, TimeSpan fallback) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? DaprDuration.ParseOrDefault(value.GetString(), fallback, $"/dapr/config {name}")
            : fallback;
}
