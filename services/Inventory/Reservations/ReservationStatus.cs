namespace SpaceOfSport.Inventory.Reservations;

public enum ReservationStatus
{
    Pending,
    Committed,
    Released,
    Expired,
}
