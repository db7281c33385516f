namespace SpaceOfSport.Contracts.Events.Ordering;

/// <summary>One returned line: how many units, why, and for an exchange the SKU sent instead.</summary>
public sealed record ReturnedLine(string Sku, int Quantity, string Reason, string? ExchangeSku);
