namespace SpaceOfSport.Catalog.Brands;

public sealed class Brand
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public required string Slug { get; set; }

    public string? Description { get; set; }

    /// <summary>Concurrency token, exposed as the ETag.</summary>
    public int Version { get; set; } = 1;
}
