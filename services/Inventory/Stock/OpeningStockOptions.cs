namespace SpaceOfSport.Inventory.Stock;

/// <summary>
/// <c>Inventory:OpeningStock</c>: whether a SKU registered from the catalog starts with <see cref="OpeningStock"/>'s
/// demo quantity rather than nothing. On in the embedded/development profile (appsettings.Development.json) only:
/// real stock comes from receipts (Adjust).
/// </summary>
public sealed class OpeningStockOptions
{
    public const string Section = "Inventory:OpeningStock";

    public bool Enabled { get; set; }
}
