namespace SpaceOfSport.Inventory.Reservations;

/// <summary>Units held for a caller (e.g. a checkout) until committed, released or expired. Id chosen by the caller.</summary>
public sealed class Reservation
{
    public const int MaxIdLength = 100;

    public required string Id { get; set; }

    public ReservationStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public List<ReservationLine> Lines { get; set; } = [];
}
