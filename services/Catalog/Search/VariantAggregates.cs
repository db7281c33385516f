namespace SpaceOfSport.Catalog.Search;

/// <summary>What one pass over a product's variants found, for the full filter set and without the price range.</summary>
internal struct VariantAggregates
{
    public VariantSet Full;

    public VariantSet IgnoringPrice;
}
