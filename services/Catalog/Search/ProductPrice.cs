namespace SpaceOfSport.Catalog.Search;

/// <summary>
/// A product's price under a query: the lowest effective price of its passing variants, the lowest list price, the
/// list price of the variant that is cheapest (a sale when above the price), and whether any passing variant is in stock.
/// </summary>
internal readonly record struct ProductPrice(long PriceMinor, long ListPriceMinor, long ListPriceOfCheapest, string Currency, bool InStock);
