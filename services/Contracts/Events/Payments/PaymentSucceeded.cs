namespace SpaceOfSport.Contracts.Events.Payments;

/// <summary>The order's PaymentIntent succeeded: <see cref="Amount"/> was charged (Stripe's report, re-read when it arrived).</summary>
[IntegrationEvent("payments", "payment-succeeded")]
public sealed record PaymentSucceeded : IntegrationEvent
{
    public Guid OrderId { get; init; }

    public Guid PaymentId { get; init; }

    public required string PaymentIntentId { get; init; }

    /// <summary>Minor units of <see cref="Currency"/>.</summary>
    public long Amount { get; init; }

    /// <summary>ISO 4217, lowercase as Stripe writes it.</summary>
    public required string Currency { get; init; }
}
