namespace SpaceOfSport.Catalog.Search;

/// <summary>The fields the catalog reads from inventory's stock-changed event (<c>spaceofsport.inventory.stock-changed.v1</c>).</summary>
public sealed record StockChangedMessage(Guid Id, DateTimeOffset OccurredAt, string Sku, long TotalAvailable);
