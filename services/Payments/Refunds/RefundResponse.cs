namespace SpaceOfSport.Payments.Refunds;

public sealed record RefundResponse(Guid RefundId, string StripeRefundId, long Amount, string Currency, string Status, string? Reason, string? FailureReason, DateTimeOffset CreatedAt)
{
    public static RefundResponse From(Refund refund) =>
        new(refund.Id, refund.StripeRefundId, refund.Amount, refund.Currency, refund.Status, refund.Reason, refund.FailureReason, refund.CreatedAt);
}
