namespace SpaceOfSport.Catalog.FlashSales;

public enum FlashSaleState
{
    Scheduled,
    Started,
    Ended,
}
