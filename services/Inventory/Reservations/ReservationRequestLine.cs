namespace SpaceOfSport.Inventory.Reservations;

/// <summary>What a caller asks to hold: <paramref name="Quantity"/> units of <paramref name="Sku"/>.</summary>
public sealed record ReservationRequestLine(string Sku, int Quantity);
