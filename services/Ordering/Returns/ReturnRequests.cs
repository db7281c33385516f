namespace SpaceOfSport.Ordering.Returns;

/// <summary>The body of <c>POST /api/returns</c>: which lines of which delivered order, how many units, why.</summary>
public sealed record RequestReturnRequest(Guid? OrderId, IReadOnlyList<ReturnLineRequest>? Lines);

/// <param name="LineNumber">The order line (its <c>lineNumber</c>).</param>
/// <param name="Reason">One of wrong-size, defective, wrong-item, not-as-described, changed-mind.</param>
/// <param name="ExchangeSku">For wrong-size only: another size of the same product, sent instead of a refund.</param>
public sealed record ReturnLineRequest(int LineNumber, int Quantity, string? Reason, string? ExchangeSku = null);

/// <summary>The body of <c>POST /api/returns/{id}/reject</c>.</summary>
public sealed record RejectReturnRequest(string? Reason);
