using System.Text.Json.Nodes;

namespace StripeSandbox.Events;

/// <summary>Where an event came from: the API request that caused it, or none (the hosted pages, timers).</summary>
public sealed record RequestContext(string? RequestId, string? IdempotencyKey, string ApiVersion)
{
    /// <summary>A change a person made on a hosted page: no API request behind it; its events keep the object's API version.</summary>
    public static RequestContext Browser { get; } = new(null, null, "");
}

/// <summary>An event (https://docs.stripe.com/api/events/object): a snapshot of the object at the moment it changed.</summary>
public sealed class StripeEvent
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    public long Created { get; init; }

    public required string ApiVersion { get; init; }

    public required JsonObject Object { get; init; }

    public string? RequestId { get; init; }

    public string? IdempotencyKey { get; init; }

    public int PendingWebhooks { get; set; }

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "event",
        ["api_version"] = ApiVersion,
        ["created"] = Created,
        ["data"] = new JsonObject { ["object"] = Object.DeepClone() },
        ["livemode"] = false,
        ["pending_webhooks"] = PendingWebhooks,
        ["request"] = new JsonObject { ["id"] = RequestId, ["idempotency_key"] = IdempotencyKey },
        ["type"] = Type,
    };
}
