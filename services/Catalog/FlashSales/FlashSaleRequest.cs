namespace SpaceOfSport.Catalog.FlashSales;

/// <summary>Exactly one of <see cref="SalePriceMinor"/> and <see cref="PercentOff"/>; at least one product or variant.</summary>
public sealed record FlashSaleRequest(
    string? Name,
    IReadOnlyList<Guid>? ProductIds,
    IReadOnlyList<Guid>? VariantIds,
    long? SalePriceMinor,
    int? PercentOff,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? PerCustomerLimit);
