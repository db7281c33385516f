using SpaceOfSport.Cart.CatalogPrices;
using SpaceOfSport.Cart.Promotions;
using SpaceOfSport.Cart.Shipping;
using SpaceOfSport.Cart.Tax;

namespace SpaceOfSport.Cart.Carts;

/// <summary>
/// Prices a stored cart now, entirely on the server: unit prices from the catalog (flash sales included), stock from
/// inventory, the promo code's discount, the chosen shipping method's price and the destination's tax.
/// </summary>
public sealed class CartPricer(CatalogClient catalog, AvailabilityClient availability, PromotionStore promotions, TaxCalculator tax, ShippingQuoter shipping, TimeProvider clock)
{
    public const string Currency = "EUR";

    public async Task<CartResponse> PriceAsync(CartDocument? cart, bool anonymous, CancellationToken cancellationToken, CartMergeReport? merge = null)
    {
        if (cart is null)
            return new CartResponse(null, 0, anonymous, Currency, true, [], null, null, null, new CartTotals(0, 0, 0, 0, 0, true, false), merge);

        var skus = cart.Lines.Select(l => l.Sku).ToList();
        var known = skus.Count == 0 ? new Dictionary<string, CatalogSku>() : await catalog.GetAsync(skus, cancellationToken);
        var stock = skus.Count == 0 ? new Dictionary<string, long>() : await availability.GetAsync(skus, cancellationToken);
        var now = clock.GetUtcNow();

        var priced = cart.Lines.Select(line =>
        {
            var sku = known.GetValueOrDefault(line.Sku) is { IsSellable: true } s ? s : null;
            return (Line: line, Sku: sku, Total: sku is null ? 0 : sku.PriceMinor * line.Quantity);
        }).ToList();
        var subtotal = priced.Sum(p => p.Total);

        // Promotion.
        CartPromotionResponse? promotion = null;
        IReadOnlyDictionary<string, long> discounts = new Dictionary<string, long>();
        if (cart.PromoCode is { } code)
        {
            var (discount, reason, _) = await EvaluatePromotionAsync(code, cart.UserId, priced.Where(p => p.Sku is not null).Select(p => ToPromotable(p.Sku!, p.Total)).ToList(), now, cancellationToken);
            promotion = new CartPromotionResponse(code, discount is not null, reason, discount?.TotalMinor ?? 0);
            if (discount is not null) discounts = discount.ByLine;
        }
        var discountTotal = discounts.Values.Sum();

        // Shipping.
        CartShippingResponse? shippingResponse = null;
        long shippingPrice = 0;
        if (cart.ShippingMethod is { } method && cart.Destination is { } destination)
        {
            var quotes = shipping.Quote(ParcelOf(priced.Where(p => p.Sku is not null).Select(p => (p.Sku!, p.Line.Quantity))), subtotal - discountTotal, ToShipping(destination), now);
            var quote = quotes.Quotes.FirstOrDefault(q => q.Method == method);
            var storeOffered = method != ShippingMethods.ClickAndCollect || quote?.Stores?.Any(s => s.Id == cart.StoreId) == true;
            shippingResponse = quote is not null && storeOffered
                ? new CartShippingResponse(method, cart.StoreId, quote.PriceMinor, quote.EarliestDelivery, quote.LatestDelivery, true)
                : new CartShippingResponse(method, cart.StoreId, null, null, null, false);
            shippingPrice = shippingResponse.PriceMinor ?? 0;
        }

        // Tax.
        var taxDestination = cart.Destination is { } d ? new TaxDestination(d.Country, d.Region) : null;
        TaxResult? taxes = null;
        var categories = priced.Where(p => p.Sku is not null).ToDictionary(p => p.Line.Sku, p => tax.CategoryOf(p.Sku!), StringComparer.Ordinal);
        if (taxDestination is not null)
        {
            var inputs = priced.Where(p => p.Sku is not null)
                .Select(p => new TaxLineInput(p.Line.Sku, categories[p.Line.Sku], p.Line.Quantity, p.Sku!.PriceMinor, p.Total - discounts.GetValueOrDefault(p.Line.Sku)))
                .ToList();
            if (shippingPrice > 0) inputs.Add(new TaxLineInput(TaxCategories.Shipping, TaxCategories.Shipping, 1, shippingPrice, shippingPrice));
            taxes = tax.Calculate(taxDestination, Currency, inputs);
        }
        var taxByLine = taxes?.Lines.ToDictionary(l => l.Id, StringComparer.Ordinal) ?? [];
        var pricesIncludeTax = taxDestination is null || taxes!.PricesIncludeTax;
        var taxTotal = taxes?.TotalTaxMinor ?? 0;

        var lines = priced.Select(p =>
        {
            var line = p.Line;
            long? available = stock is not null && stock.TryGetValue(line.Sku, out var units) ? units : null;
            var status = StockStatus.Of(available, line.Quantity);
            var stockChanged = line.AvailableWhenSet is { } before && available is not null && StockStatus.Of(before, line.Quantity) != status;
            var lineTax = taxByLine.GetValueOrDefault(line.Sku);
            return new CartLineResponse(
                line.Sku, p.Sku?.ProductName, p.Sku?.Size, p.Sku?.Colour, line.Quantity,
                p.Sku?.PriceMinor ?? 0, p.Sku?.ListPriceMinor ?? 0, p.Total, discounts.GetValueOrDefault(line.Sku),
                lineTax?.TaxMinor ?? 0, categories.GetValueOrDefault(line.Sku), lineTax?.RatePercent,
                p.Sku?.FlashSale is { } sale ? new CartFlashSale(sale.Name, sale.PerCustomerLimit, sale.EndsAt) : null,
                line.PriceWhenSetMinor, p.Sku is not null && p.Sku.PriceMinor != line.PriceWhenSetMinor,
                available, status, stockChanged, p.Sku is null);
        }).ToList();

        var total = subtotal - discountTotal + shippingPrice + (pricesIncludeTax ? 0 : taxTotal);
        return new CartResponse(cart.Id, cart.Version, anonymous, Currency, pricesIncludeTax, lines, promotion, cart.Destination, shippingResponse,
            new CartTotals(subtotal, discountTotal, shippingPrice, taxTotal, total, pricesIncludeTax, taxes is not null), merge);
    }

    /// <summary>Whether <paramref name="code"/> applies to the lines now: its discount, or the reason it does not.</summary>
    public async Task<(PromotionDiscount? Discount, string? Reason, string? Detail)> EvaluatePromotionAsync(
        string code, Guid? userId, IReadOnlyList<PromotableLine> lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (promotion, _) = await promotions.GetAsync(code, cancellationToken);
        if (promotion is null) return (null, PromotionReasons.Unknown, $"There is no promotion code {code}.");
        var uses = userId is { } user && promotion.PerCustomerUsageLimit is not null ? await promotions.UsageAsync(code, user, cancellationToken) : 0;
        return PromotionRules.Evaluate(promotion, lines, userId, uses, now);
    }

    public static PromotableLine ToPromotable(CatalogSku sku, long lineTotal) => new(sku.Sku, lineTotal, sku.BrandId, sku.CategoryPath);

    public static IReadOnlyList<ParcelItem> ParcelOf(IEnumerable<(CatalogSku Sku, int Quantity)> lines) =>
        [.. lines.Select(l => new ParcelItem(l.Quantity, l.Sku.WeightGrams, l.Sku.LengthMm, l.Sku.WidthMm, l.Sku.HeightMm))];

    public static ShippingDestination ToShipping(CartDestination destination) =>
        new(destination.Country, destination.Region, destination.PostalCode, destination.Latitude, destination.Longitude);
}
