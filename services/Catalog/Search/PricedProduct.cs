namespace SpaceOfSport.Catalog.Search;

/// <summary>A product with its prices at query time: the lowest effective (sale) price and the lowest list price.</summary>
public sealed record PricedProduct(ProductDocument Document, long PriceMinor, long ListPriceMinor, string Currency, bool OnSale, bool InStock, float Score);
