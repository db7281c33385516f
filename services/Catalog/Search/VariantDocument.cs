namespace SpaceOfSport.Catalog.Search;

/// <summary>A variant as the search index holds it; <paramref name="StockSlot"/> is its SKU's slot in <see cref="Stock.StockLevels"/>.</summary>
public sealed record VariantDocument(Guid Id, string Sku, string Size, string Colour, long PriceMinor, string Currency, long? CompareAtPriceMinor, int StockSlot);
