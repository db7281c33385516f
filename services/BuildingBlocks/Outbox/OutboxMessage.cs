namespace SpaceOfSport.BuildingBlocks.Outbox;

/// <summary>
/// One integration event waiting to be published (or already published), written in the same transaction as the
/// change it describes. <see cref="Sequence"/> is the publish order; <see cref="EventId"/> becomes the CloudEvent id.
/// </summary>
public sealed class OutboxMessage
{
    public const string TableName = "outbox_messages";

    public long Sequence { get; set; }

    public Guid EventId { get; set; }

    /// <summary>The CloudEvent type, e.g. <c>spaceofsport.inventory.stock-changed.v1</c>.</summary>
    public required string EventType { get; set; }

    public required string Topic { get; set; }

    /// <summary>The event serialized as JSON (the CloudEvent <c>data</c>).</summary>
    public required string Payload { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Null until the sidecar accepted the event.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Failed publish attempts so far.</summary>
    public int Attempts { get; set; }
}
