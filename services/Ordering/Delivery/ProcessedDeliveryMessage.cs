namespace SpaceOfSport.Ordering.Delivery;

/// <summary>A partner message already handled (by its <c>webhook-id</c>), stored with the changes it made: a second delivery changes nothing.</summary>
public sealed class ProcessedDeliveryMessage
{
    public required string MessageId { get; init; }

    public required string Type { get; init; }

    /// <summary><c>http</c> (the webhook route) or <c>binding</c> (the delivery-events input binding).</summary>
    public required string ReceivedVia { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}
