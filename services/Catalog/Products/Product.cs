using SpaceOfSport.Catalog.Brands;
using SpaceOfSport.Catalog.Categories;
using SpaceOfSport.Catalog.Sports;

namespace SpaceOfSport.Catalog.Products;

public sealed class Product
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The shop's product number (1..N), the middle of every SKU: SOS-000042-EU42-BLK.</summary>
    public int Number { get; set; }

    public required string Name { get; set; }

    public required string Slug { get; set; }

    public string Description { get; set; } = "";

    public Guid BrandId { get; set; }

    public Brand? Brand { get; set; }

    public Guid CategoryId { get; set; }

    public Category? Category { get; set; }

    public AgeGroup AgeGroup { get; set; }

    public ProductStatus Status { get; set; } = ProductStatus.Draft;

    /// <summary>Free-form attributes such as material or surface.</summary>
    public Dictionary<string, string> Attributes { get; set; } = [];

    /// <summary>Image URLs (the seed's are served by the catalog at /images/...).</summary>
    public List<string> Images { get; set; } = [];

    public ICollection<Sport> Sports { get; set; } = [];

    public ICollection<Variant> Variants { get; set; } = [];

    /// <summary>Units sold, for the best-selling sort.</summary>
    public int UnitsSold { get; set; }

    /// <summary>Set from the request's <see cref="TimeProvider"/> (or the seed's fixed epoch), never from the wall clock here.</summary>
    public required DateTimeOffset CreatedAt { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; } = 1;

    public static string SkuOf(int productNumber, string sizeCode, string colourCode) =>
        $"SOS-{productNumber:D6}-{sizeCode}-{colourCode}";
}
