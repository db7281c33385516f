namespace SpaceOfSport.Cart.Apis;

// Requests carry what the shopper chooses, never money: prices, tax and totals come from the server alone, and any
// such field a client sends is not bound. `version` (optional) is the cart version the client edited: a stale one gets
// a 409 with the current cart; without it the change applies to the current cart.

public sealed record AddLineRequest(string? Sku, int? Quantity, long? Version);

public sealed record ChangeLineRequest(int? Quantity, long? Version);

public sealed record ApplyPromotionRequest(string? Code, long? Version);

public sealed record DestinationRequest(string? Country, string? Region, string? PostalCode, double? Latitude, double? Longitude, long? Version);

public sealed record ShippingMethodRequest(string? Method, string? StoreId, long? Version);
