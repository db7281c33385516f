namespace SpaceOfSport.Notifications.Webhooks;

/// <summary>
/// A partner's endpoint (<c>webhook-endpoint-{id}</c> in the state store). <see cref="Secret"/> (<c>whsec_</c> + base64,
/// generated here) signs every delivery; the API shows it once, when it is made.
/// </summary>
public sealed record WebhookEndpoint
{
    public required Guid Id { get; init; }
    public required string Url { get; init; }
    public required IReadOnlyList<string> EventTypes { get; init; }
    public string? Description { get; init; }
    public required bool Enabled { get; init; }
    public required string Secret { get; init; }

    /// <summary>Why deliveries stopped when the shop (not staff) switched the endpoint off.</summary>
    public string? DisabledReason { get; init; }

    /// <summary>Moves on every change; a change names the version it read (409 with the current state otherwise).</summary>
    public required int Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// One endpoint's work list (<c>webhook-queue-{endpointId}</c>): the events still to deliver, oldest first (delivered
/// one by one, so a partner sees them in order), who holds the head right now, and the recent deliveries for the log.
/// </summary>
public sealed record WebhookQueue
{
    public List<Guid> Pending { get; init; } = [];
    public List<Guid> Recent { get; init; } = [];

    /// <summary>A replica sending the head holds it until then; another takes over after it (a replica that died mid-send).</summary>
    public DateTimeOffset? LeasedUntil { get; init; }

    public Guid? LeaseHolder { get; init; }
}

/// <summary>One event for one endpoint (<c>webhook-delivery-{endpointId}-{eventId}</c>): what is sent, and every attempt.</summary>
public sealed record WebhookDelivery
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public required Guid EndpointId { get; init; }

    /// <summary>The integration event's id: the delivery's <c>webhook-id</c>, the same on every attempt and replay, so partners deduplicate by it.</summary>
    public required Guid EventId { get; init; }

    public required string EventType { get; init; }

    /// <summary>The exact body sent (and signed): <c>{type, timestamp, data}</c>.</summary>
    public required string Payload { get; init; }

    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the current round of attempts began (creation, or the last replay): retries stop <see cref="WebhookSettings.RetryFor"/> after it.</summary>
    public required DateTimeOffset RoundStartedAt { get; init; }

    public required DateTimeOffset NextAttemptAt { get; init; }
    public List<WebhookAttempt> Attempts { get; init; } = [];
}

/// <summary>One try: when, the partner's status code (null when none came: refused, timed out), how long it took, what went wrong.</summary>
public sealed record WebhookAttempt(DateTimeOffset At, int? StatusCode, long DurationMs, string? Error);
