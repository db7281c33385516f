namespace SpaceOfSport.Cart.Carts;

/// <summary>
/// A cart as the shopper sees it, priced now on the server: every amount in minor units of <see cref="Currency"/>.
/// <see cref="Version"/> goes back with the next change. Where <see cref="PricesIncludeTax"/> (EU and UK destinations,
/// and before a destination is known) line prices include the tax and <c>totals.taxMinor</c> is the part of the total
/// that is tax; otherwise (US) tax is added to the total.
/// </summary>
public sealed record CartResponse(
    Guid? Id,
    long Version,
    bool Anonymous,
    string Currency,
    bool PricesIncludeTax,
    IReadOnlyList<CartLineResponse> Lines,
    CartPromotionResponse? Promotion,
    CartDestination? Destination,
    CartShippingResponse? Shipping,
    CartTotals Totals,
    CartMergeReport? Merge);

/// <summary>
/// A line priced now. <see cref="PriceChanged"/>: the unit price differs from <see cref="PriceWhenSetMinor"/>, what it
/// was when the line was last set; <see cref="StockChanged"/>: whether the quantity is available differs from then.
/// A SKU the catalog no longer sells is <see cref="Unavailable"/> and left out of the totals.
/// </summary>
public sealed record CartLineResponse(
    string Sku,
    string? ProductName,
    string? Size,
    string? Colour,
    int Quantity,
    long UnitPriceMinor,
    long ListPriceMinor,
    long LineTotalMinor,
    long DiscountMinor,
    long TaxMinor,
    string? TaxCategory,
    decimal? TaxRatePercent,
    CartFlashSale? FlashSale,
    long PriceWhenSetMinor,
    bool PriceChanged,
    long? Available,
    string Stock,
    bool StockChanged,
    bool Unavailable);

public sealed record CartFlashSale(string Name, int? PerCustomerLimit, DateTimeOffset EndsAt);

/// <summary>The cart's promo code: applied with its discount, or why it no longer applies.</summary>
public sealed record CartPromotionResponse(string Code, bool Applied, string? Reason, long DiscountMinor);

public sealed record CartShippingResponse(string Method, string? StoreId, long? PriceMinor, DateOnly? EarliestDelivery, DateOnly? LatestDelivery, bool Offered);

public sealed record CartTotals(long SubtotalMinor, long DiscountMinor, long ShippingMinor, long TaxMinor, long TotalMinor, bool TaxIncluded, bool TaxKnown);

/// <summary>What joining the anonymous cart into the signed-in one did, line by line.</summary>
public sealed record CartMergeReport(int LinesMerged, IReadOnlyList<MergedLine> Lines);

/// <summary>
/// One SKU of the anonymous cart: <see cref="Requested"/> is the sum of both carts' quantities, <see cref="Quantity"/>
/// what the cart holds now; <see cref="Limit"/> names the rule that cut it (quantity-per-line, flash-sale-limit,
/// lines-per-cart).
/// </summary>
public sealed record MergedLine(string Sku, int Requested, int Quantity, string? Limit);
