namespace SpaceOfSport.Cart.Promotions;

/// <summary>One order's use of a code: taken when the order is placed, counted when it is paid, given back otherwise.</summary>
public sealed class PromotionReservation
{
    public required Guid OrderId { get; init; }

    public required string Code { get; init; }

    /// <summary>Null for a guest's order.</summary>
    public Guid? UserId { get; init; }

    public PromotionReservationState State { get; set; }

    public DateTimeOffset ReservedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When a <see cref="PromotionReservationState.Reserved"/> use stops counting against the limits.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}

public enum PromotionReservationState
{
    Reserved,
    Confirmed,
    Released,
}

/// <summary>Why a reservation call was refused; <see cref="Reason"/> for a rule (the gRPC "reason" trailer).</summary>
public sealed record ReservationRefusal(ReservationRefusalKind Kind, string Detail, string? Reason = null);

public enum ReservationRefusalKind
{
    NotFound,
    AlreadyExists,
    RuleBroken,
}
