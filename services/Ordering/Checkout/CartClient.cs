using Microsoft.Net.Http.Headers;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// The caller's cart, read from the cart service (<c>GET /api/cart</c> through Dapr service invocation) with the caller's
/// own credentials (bearer token, or the anonymous cart's cookie), so ordering sees exactly the cart the shopper sees.
/// </summary>
public sealed class CartClient(HttpClient http)
{
    public const string AppId = "cart";

    public async Task<CartSnapshot> GetAsync(HttpRequest caller, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cart");
        if (caller.Headers.Authorization is { Count: > 0 } authorization) request.Headers.TryAddWithoutValidation(HeaderNames.Authorization, authorization.ToString());
        if (caller.Cookies[CartCookie] is { } cookie) request.Headers.TryAddWithoutValidation(HeaderNames.Cookie, $"{CartCookie}={cookie}");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<CartSnapshot>(JsonConventions.Create(), cancellationToken)
                ?? throw new DependencyUnavailableException(AppId);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DependencyUnavailableException(AppId, exception);
        }
    }

    /// <summary>The anonymous cart's cookie, as the cart service names it.</summary>
    public const string CartCookie = "sos_cart";
}

/// <summary>The part of the cart's answer the checkout reads (the cart priced it on the server a moment ago).</summary>
public sealed record CartSnapshot(
    Guid? Id,
    string Currency,
    IReadOnlyList<CartSnapshotLine> Lines,
    CartSnapshotPromotion? Promotion,
    CartSnapshotDestination? Destination,
    CartSnapshotShipping? Shipping);

public sealed record CartSnapshotLine(string Sku, string? ProductName, string? Size, string? Colour, int Quantity, long UnitPriceMinor,
    long LineTotalMinor, long DiscountMinor, string? TaxCategory, bool Unavailable);

public sealed record CartSnapshotPromotion(string Code, bool Applied, string? Reason, long DiscountMinor);

public sealed record CartSnapshotDestination(string Country, string? Region, string? PostalCode);

public sealed record CartSnapshotShipping(string Method, string? StoreId, long? PriceMinor, bool Offered);
