using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.GraphQL;

/// <summary>A variant with its effective price (an active flash sale applied) and availability at query time.</summary>
public sealed record PricedVariant(VariantDocument Variant, long PriceMinor, bool InStock);
