namespace SpaceOfSport.Analytics.Products;

/// <summary>
/// What analytics knows of a catalog product for breakdowns and similar products: its brand, its category with the
/// path from the root, its sports and its lowest price. Read from the catalog whenever it announces a change.
/// </summary>
public sealed class ProductFacts
{
    public Guid ProductId { get; init; }

    public Guid BrandId { get; set; }

    public Guid CategoryId { get; set; }

    /// <summary>The root of its category's tree: similar products are looked for within it.</summary>
    public Guid TopCategoryId { get; set; }

    /// <summary>Root first, the product's own category last.</summary>
    public List<Guid> CategoryPath { get; set; } = [];

    public List<Guid> SportIds { get; set; } = [];

    /// <summary>The lowest list price of its variants (minor units of <see cref="Currency"/>).</summary>
    public long PriceMinor { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>Sold now (the catalog's status is active); archived, draft and deleted products are never recommended.</summary>
    public bool Active { get; set; }

    /// <summary>When the catalog announced the state held: an older announcement delivered late changes nothing.</summary>
    public DateTimeOffset AsOf { get; set; }
}
