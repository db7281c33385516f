using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Cart.CatalogPrices;
using SpaceOfSport.Cart.Shipping;
using SpaceOfSport.Cart.Tax;

namespace SpaceOfSport.Cart.Apis;

public sealed record QuoteLineRequest(string? Sku, int? Quantity);

public sealed record DestinationInput(string? Country, string? Region, string? PostalCode, double? Latitude, double? Longitude);

/// <summary>Lines to quote, or none for the caller's cart; and where to.</summary>
public sealed record ShippingQuoteRequest(IReadOnlyList<QuoteLineRequest>? Lines, DestinationInput? Destination);

/// <summary>/api/shipping/quotes: every method the destination can have, priced from the rate data.</summary>
public static class ShippingApi
{
    public static IEndpointRouteBuilder MapShippingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/shipping/quotes", QuoteAsync).WithTags("Shipping").AllowAnonymous()
            .WithName("QuoteShipping").WithSummary("Standard, express, next-day and click-and-collect quotes for lines or the caller's cart.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<ShippingQuotes>, ValidationProblem, ProblemHttpResult>> QuoteAsync(
        ShippingQuoteRequest request, HttpContext context, CartService carts, CatalogClient catalog, CartPricer pricer, ShippingQuoter shipping, TaxCalculator tax,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var input = request.Destination;
        var (destination, errors) = DestinationRules.Check(input?.Country, input?.Region, input?.PostalCode, input?.Latitude, input?.Longitude, tax, "destination.");
        var lines = new List<(string Sku, int Quantity)>();
        if (request.Lines is { } requested)
        {
            for (var i = 0; i < requested.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(requested[i].Sku)) errors[$"lines[{i}].sku"] = ["is required"];
                if (requested[i].Quantity is not > 0) errors[$"lines[{i}].quantity"] = ["must be greater than 0"];
                else if (requested[i].Sku is { } sku) lines.Add((sku.Trim(), requested[i].Quantity!.Value));
            }
            if (requested.Count is 0 or > 100) errors["lines"] = ["give 1 to 100 lines, or none to quote the caller's cart"];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        if (request.Lines is null)
        {
            var cart = await carts.GetAsync(CartOwner.Of(context, create: false), cancellationToken);
            lines = [.. (cart?.Lines ?? []).Select(l => (l.Sku, l.Quantity))];
        }
        var items = lines.Count == 0 ? new Dictionary<string, CatalogSku>() : await catalog.GetAsync(lines.Select(l => l.Sku), cancellationToken);
        if (lines.FirstOrDefault(l => items.GetValueOrDefault(l.Sku) is not { IsSellable: true }) is { Sku: not null } unknown && request.Lines is not null)
            return (CartProblems.NotFound($"The shop sells no SKU '{unknown.Sku}'."));

        var sold = lines.Where(l => items.GetValueOrDefault(l.Sku) is { IsSellable: true }).Select(l => (items[l.Sku], l.Quantity)).ToList();
        var goodsValue = sold.Sum(l => l.Item1.PriceMinor * l.Quantity);
        return TypedResults.Ok(shipping.Quote(CartPricer.ParcelOf(sold), goodsValue, CartPricer.ToShipping(destination!), clock.GetUtcNow()));
    }
}
