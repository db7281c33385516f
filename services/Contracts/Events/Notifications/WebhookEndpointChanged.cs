namespace SpaceOfSport.Contracts.Events.Notifications;

/// <summary>
/// A partner webhook endpoint (notifications) was created, changed, had its signing secret rotated, or was deleted.
/// Published by notifications, recorded by audit (issue #20). Carries no secret: only which one is current.
/// </summary>
[IntegrationEvent("notifications", "webhook-endpoint-changed")]
public sealed record WebhookEndpointChanged : IntegrationEvent
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string SecretRotated = "secret-rotated";
    public const string Deleted = "deleted";

    public required Guid EndpointId { get; init; }

    /// <summary><see cref="Created"/>, <see cref="Updated"/>, <see cref="SecretRotated"/> or <see cref="Deleted"/>.</summary>
    public required string Change { get; init; }

    /// <summary>Where deliveries go (after the change; before it, for a deletion).</summary>
    public required string Url { get; init; }

    /// <summary>The event types the endpoint receives, in ordinal order.</summary>
    public required IReadOnlyList<string> EventTypes { get; init; }

    /// <summary>Whether deliveries are switched on.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The user who changed it; null when no user did.</summary>
    public Guid? ChangedBy { get; init; }
}
