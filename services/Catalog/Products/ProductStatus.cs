namespace SpaceOfSport.Catalog.Products;

/// <summary>Only <see cref="Active"/> products are searchable and sold.</summary>
public enum ProductStatus
{
    Draft,
    Active,
    Archived,
}
