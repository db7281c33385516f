namespace SpaceOfSport.Ordering.Returns;

/// <summary>A return as its customer and staff see it.</summary>
public sealed record ReturnResponse(
    Guid Id,
    Guid OrderId,
    ReturnStatus Status,
    IReadOnlyList<ReturnLineResponse> Lines,
    ReturnRefund Refund,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt,
    string? RejectionReason,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? CompletedAt,
    long Version)
{
    public static ReturnResponse From(OrderReturn r) => new(
        r.Id, r.OrderId, r.Status,
        [.. r.Lines.OrderBy(l => l.LineNumber).Select(l => new ReturnLineResponse(l.LineNumber, l.Sku, l.Quantity, l.Reason, l.ExchangeSku, l.RefundMinor))],
        new ReturnRefund(r.ItemsRefundMinor, r.ShippingRefundMinor, r.RefundMinor, r.Currency, r.RefundId),
        r.RequestedAt, r.DecidedAt, r.RejectionReason, r.ReceivedAt, r.CompletedAt, r.Version);
}

public sealed record ReturnLineResponse(int LineNumber, string Sku, int Quantity, string Reason, string? ExchangeSku, long RefundMinor);

/// <summary>What the return pays back on receipt (items, shipping per the policy), and payments' refund once made.</summary>
public sealed record ReturnRefund(long ItemsMinor, long ShippingMinor, long TotalMinor, string Currency, Guid? RefundId);
