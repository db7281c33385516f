namespace SpaceOfSport.Contracts.Events.Payments;

/// <summary>The customer must act (3-D Secure) before the order's payment can succeed.</summary>
[IntegrationEvent("payments", "payment-requires-action")]
public sealed record PaymentRequiresAction : IntegrationEvent
{
    public Guid OrderId { get; init; }

    public Guid PaymentId { get; init; }

    public required string PaymentIntentId { get; init; }

    /// <summary>Where the customer completes the action, when Stripe gave a redirect.</summary>
    public string? ActionUrl { get; init; }
}
