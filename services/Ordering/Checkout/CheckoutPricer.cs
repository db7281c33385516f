using Grpc.Core;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts.Cart.V1;
using TaxClient = SpaceOfSport.Contracts.Cart.V1.Tax.TaxClient;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// Turns the caller's cart into the price of an order, on the server only: every line priced again from the catalog
/// now (the answer names each price that changed since the cart showed it), the cart's promotion discount scaled to the
/// new prices, the shipping price the cart's rate tables gave for the chosen method, and the tax computed again by the
/// cart's gRPC <c>Tax/Calculate</c> on the re-priced lines.
/// </summary>
public sealed class CheckoutPricer(CartClient carts, CatalogClient catalog, TaxClient tax)
{
    public const string ShippingTaxCategory = "shipping";

    public async Task<PricingOutcome> PriceAsync(HttpRequest caller, CancellationToken cancellationToken)
    {
        var cart = await carts.GetAsync(caller, cancellationToken);
        var lines = cart.Lines.Where(l => !l.Unavailable).ToList();
        if (lines.Count == 0) return new PricingOutcome.Refused("empty-cart", "The cart is empty", "There is nothing in the cart to order.");
        if (cart.Destination is not { } destination)
            return new PricingOutcome.Refused("destination-required", "No destination", "Set where the order ships (PUT /api/cart/destination) first.");
        if (cart.Shipping is not { Offered: true, PriceMinor: { } shippingPrice } shipping)
            return new PricingOutcome.Refused("shipping-method-required", "No shipping method", "Choose a shipping method the destination is offered (PUT /api/cart/shipping) first.");

        var prices = await catalog.GetAsync([.. lines.Select(l => l.Sku)], cancellationToken);
        var gone = lines.Where(l => !prices.ContainsKey(l.Sku)).Select(l => l.Sku).ToList();
        if (gone.Count > 0) return new PricingOutcome.Unavailable(gone);

        var priced = lines.Select(line =>
        {
            var price = prices[line.Sku];
            var total = price.PriceMinor * line.Quantity;
            // A percentage discount follows the price; the cart spread it over the lines, so scale each line's share.
            var discount = line.LineTotalMinor == 0 ? 0 : Math.Min(total, (long)Math.Round((decimal)line.DiscountMinor * total / line.LineTotalMinor, MidpointRounding.AwayFromZero));
            return new PricedLine(line.Sku, price.ProductName, price.Size, price.Colour, line.Quantity, price.PriceMinor, line.UnitPriceMinor, total, discount,
                line.TaxCategory ?? "equipment");
        }).ToList();

        var request = new CalculateTaxRequest
        {
            Destination = new Destination { Country = destination.Country, Region = destination.Region ?? "", PostalCode = destination.PostalCode ?? "" },
            Currency = cart.Currency,
        };
        request.Lines.AddRange(priced.Select(p => new TaxLine
        {
            Id = p.Sku,
            TaxCategory = p.TaxCategory,
            Quantity = p.Quantity,
            UnitPriceMinor = p.UnitPriceMinor,
            AmountMinor = p.LineTotalMinor - p.DiscountMinor,
        }));
        if (shippingPrice > 0)
            request.Lines.Add(new TaxLine { Id = ShippingTaxCategory, TaxCategory = ShippingTaxCategory, Quantity = 1, UnitPriceMinor = shippingPrice, AmountMinor = shippingPrice });
        CalculateTaxResponse taxes;
        try
        {
            taxes = await tax.CalculateAsync(request, cancellationToken: cancellationToken);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
        {
            throw new DependencyUnavailableException(CartClient.AppId, exception);
        }

        var taxByLine = taxes.Lines.ToDictionary(l => l.Id, l => l.TaxMinor, StringComparer.Ordinal);
        priced = [.. priced.Select(p => p with { TaxMinor = taxByLine.GetValueOrDefault(p.Sku) })];
        var subtotal = priced.Sum(p => p.LineTotalMinor);
        var discountTotal = priced.Sum(p => p.DiscountMinor);
        var total = subtotal - discountTotal + shippingPrice + (taxes.PricesIncludeTax ? 0 : taxes.TotalTaxMinor);
        var changes = priced.Where(p => p.UnitPriceMinor != p.CartUnitPriceMinor)
            .Select(p => new PriceChange(p.Sku, p.CartUnitPriceMinor, p.UnitPriceMinor)).ToList();
        return new PricingOutcome.Priced(new PricedOrder(
            cart.Id, cart.Currency, priced, changes, cart.Promotion is { Applied: true } promotion ? promotion.Code : null,
            shipping.Method, destination, subtotal, discountTotal, shippingPrice, taxes.TotalTaxMinor, total, taxes.PricesIncludeTax));
    }
}

/// <summary>What pricing the cart came to: an order's prices, SKUs the catalog no longer sells, or a rule that refuses it.</summary>
public abstract record PricingOutcome
{
    public sealed record Priced(PricedOrder Order) : PricingOutcome;

    public sealed record Unavailable(IReadOnlyList<string> Skus) : PricingOutcome;

    public sealed record Refused(string Reason, string Title, string Detail) : PricingOutcome;
}

public sealed record PricedOrder(
    Guid? CartId,
    string Currency,
    IReadOnlyList<PricedLine> Lines,
    IReadOnlyList<PriceChange> PriceChanges,
    string? PromotionCode,
    string ShippingMethod,
    CartSnapshotDestination Destination,
    long SubtotalMinor,
    long DiscountMinor,
    long ShippingMinor,
    long TaxMinor,
    long TotalMinor,
    bool PricesIncludeTax);

public sealed record PricedLine(string Sku, string ProductName, string? Size, string? Colour, int Quantity, long UnitPriceMinor, long CartUnitPriceMinor,
    long LineTotalMinor, long DiscountMinor, string TaxCategory, long TaxMinor = 0);

/// <summary>A unit price that changed since the cart showed it: the order uses the new one.</summary>
public sealed record PriceChange(string Sku, long CartUnitPriceMinor, long UnitPriceMinor);
