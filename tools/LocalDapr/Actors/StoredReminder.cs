using System.Text.Json.Nodes;
using LocalDapr.Components;

namespace LocalDapr.Actors;

/// <summary>
/// A reminder as this runtime persists it in the actor state store: what the app registered (echoed back on every
/// firing and by GET), when it is due next, how many firings are left, and a version that tells a firing loop
/// whether the reminder was replaced or deleted meanwhile.
/// </summary>
public sealed record StoredReminder(
    string ActorType,
    string ActorId,
    string Name,
    string DueTime,
    string Period,
    string? Ttl,
    JsonNode? Data,
    DateTimeOffset NextDueAt,
    int? Remaining,
    DateTimeOffset? ExpiresAt,
    string Version)
{
    public ActorSchedule Schedule
    {
        get
        {
            TimeSpan? period = DaprDuration.TryParse(Period, out var value, out _) && value > TimeSpan.Zero ? value : null;
            return new ActorSchedule(NextDueAt, period, Remaining, ExpiresAt);
        }
    }

    /// <summary>The body Dapr sends to <c>PUT /actors/{type}/{id}/method/remind/{name}</c>.</summary>
    public JsonObject CallbackBody() => new()
    {
        ["dueTime"] = DueTime,
        ["period"] = Period,
        ["data"] = Data?.DeepClone(),
    };

    /// <summary>The body of <c>GET /v1.0/actors/{type}/{id}/reminders/{name}</c>.</summary>
    public JsonObject Describe()
    {
        var body = CallbackBody();
        if (Ttl is not null) body["ttl"] = Ttl;
        return body;
    }
}
