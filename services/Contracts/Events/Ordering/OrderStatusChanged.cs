namespace SpaceOfSport.Contracts.Events.Ordering;

/// <summary>
/// An order moved to another status (pending, awaiting-payment, paid, fulfilling, shipped, delivered, cancelled). The
/// real-time hub pushes it to the customer. <see cref="Sequence"/> counts the order's transitions (1, 2, ...): a consumer
/// keeps the highest it saw, so a late or duplicated delivery never moves the order back.
/// </summary>
[IntegrationEvent("ordering", "order-status-changed")]
public sealed record OrderStatusChanged : IntegrationEvent
{
    public required Guid OrderId { get; init; }

    /// <summary>The order number people see, e.g. <c>SOS-2026-000123</c>.</summary>
    public required string OrderNumber { get; init; }

    /// <summary>The customer's account; null for a guest order not claimed yet.</summary>
    public Guid? UserId { get; init; }

    /// <summary>The status before the change (kebab-case), null for the first one.</summary>
    public string? PreviousStatus { get; init; }

    /// <summary>The status now, kebab-case: <c>pending</c>, <c>awaiting-payment</c>, <c>paid</c>, <c>fulfilling</c>, <c>shipped</c>, <c>delivered</c>, <c>cancelled</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why, when the change has a reason worth telling (e.g. <c>payment-failed</c>, <c>out-of-stock</c>, <c>customer-cancelled</c>).</summary>
    public string? Reason { get; init; }

    public required long Sequence { get; init; }
}
