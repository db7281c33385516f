using SpaceOfSport.Payments.Refunds;

namespace SpaceOfSport.Payments.Payments;

/// <summary>
/// An order's payment. <see cref="ClientSecret"/> lets the storefront confirm it with Stripe.js (or the sandbox page at
/// <see cref="PaymentPageUrl"/>, sandbox mode only); it is for the customer's browser and nobody else.
/// </summary>
public sealed record PaymentResponse(
    Guid PaymentId,
    Guid OrderId,
    string PaymentIntentId,
    long Amount,
    string Currency,
    string Status,
    long AmountReceived,
    long AmountRefunded,
    string ClientSecret,
    string? PaymentPageUrl,
    string? ActionUrl,
    string? FailureCode,
    string? DeclineCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset SyncedAt,
    IReadOnlyList<RefundResponse> Refunds)
{
    public static PaymentResponse From(Payment payment, IEnumerable<Refund> refunds, string? paymentPageUrl) => new(
        payment.Id, payment.OrderId, payment.PaymentIntentId, payment.Amount, payment.Currency, payment.Status, payment.AmountReceived,
        payment.AmountRefunded, payment.ClientSecret, paymentPageUrl, payment.ActionUrl, payment.FailureCode, payment.DeclineCode,
        payment.CreatedAt, payment.SyncedAt, [.. refunds.OrderBy(r => r.CreatedAt).Select(RefundResponse.From)]);
}
