namespace SpaceOfSport.Catalog.Model;

public enum FlashSaleState
{
    Scheduled,
    Started,
    Ended,
}
