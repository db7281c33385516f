namespace SpaceOfSport.Inventory.Reservations;

/// <summary>Units of one SKU held at the location they were taken from.</summary>
public sealed class ReservationLine
{
    public long Id { get; set; }

    public required string ReservationId { get; set; }

    public required string Sku { get; set; }

    public required string Location { get; set; }

    public int Quantity { get; set; }
}
