namespace SpaceOfSport.Catalog.Products;

/// <summary>A sellable unit: one size and colour of a product. Money is in minor units of an ISO 4217 currency.</summary>
public sealed class Variant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProductId { get; set; }

    public Product? Product { get; set; }

    public required string Sku { get; set; }

    /// <summary>Display size, e.g. "EU 42 / US 8.5 / UK 8", "M" or "One size".</summary>
    public required string Size { get; set; }

    public required string Colour { get; set; }

    public long PriceMinor { get; set; }

    public string Currency { get; set; } = "EUR";

    public long? CompareAtPriceMinor { get; set; }

    public int WeightGrams { get; set; }

    public int LengthMm { get; set; }

    public int WidthMm { get; set; }

    public int HeightMm { get; set; }

    public int Version { get; set; } = 1;
}
