using SpaceOfSport.Catalog.Products;

namespace SpaceOfSport.Catalog.Sports;

public sealed class Sport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public required string Slug { get; set; }

    public ICollection<Product> Products { get; set; } = [];
}
