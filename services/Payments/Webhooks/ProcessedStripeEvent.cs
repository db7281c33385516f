namespace SpaceOfSport.Payments.Webhooks;

/// <summary>A Stripe event already handled, stored with the changes it made: a second delivery changes nothing.</summary>
public sealed class ProcessedStripeEvent
{
    public required string EventId { get; init; }

    public required string Type { get; init; }

    /// <summary>How it arrived: <c>http</c> (the webhook route) or <c>binding</c> (the stripe-events input binding).</summary>
    public required string ReceivedVia { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}
