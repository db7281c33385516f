namespace SpaceOfSport.Payments.Payments;

/// <summary>
/// The one PaymentIntent of an order, as Stripe last reported it. <see cref="Status"/> is Stripe's PaymentIntent status
/// (<see cref="PaymentStatuses"/>); <see cref="Version"/> guards concurrent updates (an API call and a webhook at once).
/// </summary>
public sealed class Payment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrderId { get; init; }

    public required string PaymentIntentId { get; init; }

    public required string ClientSecret { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    public required string Status { get; set; }

    public long AmountReceived { get; set; }

    /// <summary>Refunded and not failed: what may no longer be refunded.</summary>
    public long AmountRefunded { get; set; }

    /// <summary>The last failure already announced (its charge, or code and payment method), so each is published once.</summary>
    public string? LastFailureKey { get; set; }

    public string? FailureCode { get; set; }

    public string? DeclineCode { get; set; }

    public string? ActionUrl { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When payments last learned the state from Stripe.</summary>
    public DateTimeOffset SyncedAt { get; set; }

    public int Version { get; set; }

    public long Refundable => AmountReceived - AmountRefunded;
}

/// <summary>Stripe's PaymentIntent statuses (https://docs.stripe.com/payments/paymentintents/lifecycle).</summary>
public static class PaymentStatuses
{
    public const string RequiresPaymentMethod = "requires_payment_method";
    public const string RequiresConfirmation = "requires_confirmation";
    public const string RequiresAction = "requires_action";
    public const string Processing = "processing";
    public const string Succeeded = "succeeded";
    public const string Canceled = "canceled";

    public static bool IsFinal(string status) => status is Succeeded or Canceled;
}
