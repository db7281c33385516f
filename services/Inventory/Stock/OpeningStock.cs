namespace SpaceOfSport.Inventory.Stock;

/// <summary>
/// The demo profile's units on hand for a newly registered SKU: 0..<see cref="MaxUnits"/>, derived from the SKU alone
/// (<see cref="SkuHash"/>), so every run and every machine seeds the same stock. About one SKU in
/// <see cref="SoldOutOneIn"/> starts at 0, so the storefront shows sold-out variants.
/// </summary>
public static class OpeningStock
{
    public const int MaxUnits = 40;

    public const int SoldOutOneIn = 12;

    public static int UnitsFor(string sku)
    {
        var hash = SkuHash.Of(sku);
        // Sold out from the low half, the quantity from the high half: the two do not depend on each other.
        if ((uint)hash % SoldOutOneIn == 0) return 0;
        return 1 + (int)((hash >> 32) % MaxUnits);
    }
}
