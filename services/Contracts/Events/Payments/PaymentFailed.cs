namespace SpaceOfSport.Contracts.Events.Payments;

/// <summary>An attempt to pay the order failed (declined card, failed 3-D Secure); the customer may try another method.</summary>
[IntegrationEvent("payments", "payment-failed")]
public sealed record PaymentFailed : IntegrationEvent
{
    public Guid OrderId { get; init; }

    public Guid PaymentId { get; init; }

    public required string PaymentIntentId { get; init; }

    /// <summary>Stripe's error code, e.g. <c>card_declined</c> or <c>payment_intent_authentication_failure</c>.</summary>
    public required string Code { get; init; }

    /// <summary>Stripe's decline code, e.g. <c>insufficient_funds</c>; null when the failure was no decline.</summary>
    public string? DeclineCode { get; init; }

    /// <summary>Stripe's message, fit to show the customer.</summary>
    public string? Message { get; init; }
}
