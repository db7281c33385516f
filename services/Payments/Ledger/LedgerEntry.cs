namespace SpaceOfSport.Payments.Ledger;

/// <summary>
/// One movement of money, written in the same transaction as the state change that caused it; never updated or
/// deleted (the audit service reads this table). <see cref="Amount"/> is signed from the shop's side: a charge is
/// positive, a refund negative, a failed refund's reversal positive again.
/// </summary>
public sealed class LedgerEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrderId { get; init; }

    public Guid PaymentId { get; init; }

    /// <summary><see cref="LedgerKinds"/>.</summary>
    public required string Kind { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    /// <summary>The Stripe object that moved the money: a PaymentIntent or a refund.</summary>
    public required string StripeObjectId { get; init; }

    /// <summary>Who moved it: the calling app (a refund), or <c>stripe</c> (a charge Stripe reported).</summary>
    public required string Actor { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}

public static class LedgerKinds
{
    public const string Charge = "charge";
    public const string Refund = "refund";
    public const string RefundReversal = "refund-reversal";
}
