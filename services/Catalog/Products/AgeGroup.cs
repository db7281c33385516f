namespace SpaceOfSport.Catalog.Products;

/// <summary>Who a product is cut for (gender and age group in one, as sports shops list them).</summary>
public enum AgeGroup
{
    Unisex,
    Men,
    Women,
    Kids,
}
