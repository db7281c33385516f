namespace SpaceOfSport.Payments.Refunds;

/// <summary>A refund of an order's payment: <see cref="Amount"/> minor units, or everything not yet refunded when null.</summary>
/// <param name="Reason">Stripe's reasons: duplicate, fraudulent, requested_by_customer.</param>
public sealed record RefundRequest(long? Amount = null, string? Reason = null)
{
    public static readonly IReadOnlySet<string> Reasons = new HashSet<string> { "duplicate", "fraudulent", "requested_by_customer" };

    public Dictionary<string, string[]> Validate(string? idempotencyKey)
    {
        var errors = new Dictionary<string, string[]>();
        if (Amount is <= 0) errors["amount"] = ["the amount must be a positive number of minor units"];
        if (Reason is not null && !Reasons.Contains(Reason)) errors["reason"] = [$"one of {string.Join(", ", Reasons)}"];
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 200)
            errors["Idempotency-Key"] = ["an Idempotency-Key header (at most 200 characters) is required: the same key is the same refund"];
        return errors;
    }
}
