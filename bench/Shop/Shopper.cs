using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SpaceOfSport.Search.Benchmarks;

namespace SpaceOfSport.Shop.Benchmarks;

/// <summary>What every shopper shares: the clients, the catalog mix, the accounts and the options.</summary>
internal sealed record ShopperContext(ShopClients Clients, Uri Graphql, Uri Gateway, RequestMix Mix, AccountPool Accounts, ShopOptions Options);

internal enum Journey
{
    Browse,
    Search,
    Cart,
    GuestCheckout,
    MemberCheckout,
}

/// <summary>How arriving shoppers split between journeys (in the spirit of Online Boutique's load generator: most look, few buy).</summary>
internal static class Journeys
{
    public static readonly (Journey Journey, double Share)[] Weights =
    [
        (Journey.Browse, 0.35),
        (Journey.Search, 0.30),
        (Journey.Cart, 0.20),
        (Journey.GuestCheckout, 0.10),
        (Journey.MemberCheckout, 0.05),
    ];

    public static Journey Pick(Random random)
    {
        var pick = random.NextDouble();
        foreach (var (journey, share) in Weights)
        {
            if ((pick -= share) < 0) return journey;
        }

        return Weights[^1].Journey;
    }
}

/// <summary>Accounts for signed-in journeys: one shopper at a time per account (its cart is the account's); a new one signs up when none is free.</summary>
internal sealed class AccountPool(int seed)
{
    public const string Password = "Bench-Shopper-2026!";
    private readonly ConcurrentBag<string> _free = [];

    public bool TryTake(out string email) => _free.TryTake(out email!);

    public string NewEmail() => $"bench-shopper-{seed}-{Guid.CreateVersion7():N}@example.com";

    public void Return(string email) => _free.Add(email);
}

/// <summary>
/// One simulated shopper on one journey. Each step is due when the previous one answered plus a think time (the
/// first when the shopper arrives); its latency counts from that moment, so time the driver was late is counted too.
/// </summary>
internal sealed class Shopper(ShopperContext context, StepRecorder? recorder, Random random, long arrival)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PaidWithin = TimeSpan.FromSeconds(60);
    private static readonly string[] PaidStatuses = ["Paid", "Fulfilling", "Shipped", "Delivered"];
    private readonly HttpClient _http = context.Clients.For(random.Next());
    private long _due = arrival;
    private string? _cartCookie;
    private string? _accessToken;

    public async Task RunAsync()
    {
        try
        {
            switch (Journeys.Pick(random))
            {
                case Journey.Browse:
                    if (await CategoryPageAsync() && await ProductPageAsync() is not null) await ProductPageAsync();
                    break;
                case Journey.Search:
                    if (await GraphqlAsync(Steps.Search, context.Mix.NextSearch(random)) is not null) await ProductPageAsync();
                    break;
                case Journey.Cart:
                    if (await AddSomethingToCartAsync()) await SendAsync(Steps.ViewCart, HttpMethod.Get, "/api/cart/cart");
                    break;
                case Journey.GuestCheckout:
                    await CheckoutAsync(email: $"bench-guest-{Guid.CreateVersion7():N}@example.com");
                    break;
                case Journey.MemberCheckout:
                    await MemberCheckoutAsync();
                    break;
            }
        }
        catch (Exception unexpected)
        {
            recorder?.Error("journey", unexpected.GetType().Name);
        }
    }

    private async Task<bool> CategoryPageAsync()
    {
        var page = context.Mix.NextCategoryPage(random);
        return await GraphqlAsync(Steps.Category, page[0]) is not null && await GraphqlAsync(Steps.CategoryListing, page[1]) is not null;
    }

    private Task<JsonNode?> ProductPageAsync() => GraphqlAsync(Steps.Product, context.Mix.NextProduct(random));

    /// <summary>Opens product pages until one has a size in stock (at most three), then adds one unit of it.</summary>
    private async Task<bool> AddSomethingToCartAsync()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var product = await ProductPageAsync();
            if (product is null) return false;
            var inStock = product["data"]?["product"]?["variants"]?.AsArray().Where(v => v?["inStock"]?.GetValue<bool>() == true).ToArray() ?? [];
            if (inStock.Length == 0) continue;
            var sku = inStock[random.Next(inStock.Length)]!["sku"]!.GetValue<string>();
            return await SendAsync(Steps.AddToCart, HttpMethod.Post, "/api/cart/cart/lines", new { sku, quantity = 1 }) is not null;
        }

        return false;
    }

    private async Task MemberCheckoutAsync()
    {
        if (!context.Accounts.TryTake(out var email))
        {
            email = context.Accounts.NewEmail();
            if (await SendAsync(Steps.SignUp, HttpMethod.Post, "/api/identity/users", new { email, password = AccountPool.Password, name = "Bench Shopper" }) is null) return;
        }

        try
        {
            var tokens = await SendAsync(Steps.SignIn, HttpMethod.Post, "/api/identity/auth/login", new { email, password = AccountPool.Password });
            if (tokens?["accessToken"]?.GetValue<string>() is not { } token) return;
            _accessToken = token;
            // The account's cart outlives its orders: the shopper clears what an earlier journey left in it.
            var cart = await SendAsync(Steps.ViewCart, HttpMethod.Get, "/api/cart/cart");
            foreach (var line in cart?["lines"]?.AsArray() ?? [])
            {
                var sku = line!["sku"]!.GetValue<string>();
                cart = await SendAsync(Steps.RemoveFromCart, HttpMethod.Delete, $"/api/cart/cart/lines/{Uri.EscapeDataString(sku)}?version={cart!["version"]}");
                if (cart is null) return;
            }

            await CheckoutAsync(email: null);
        }
        finally
        {
            context.Accounts.Return(email);
        }
    }

    /// <summary>Adds an item, sets where it ships and how, places the order, pays on the sandbox's page and (signed in) waits until the order is paid.</summary>
    private async Task CheckoutAsync(string? email)
    {
        if (!await AddSomethingToCartAsync()) return;
        var cart = await SendAsync(Steps.Destination, HttpMethod.Put, "/api/cart/cart/destination", new { country = "DE", postalCode = "10115" });
        if (cart is null) return;
        cart = await SendAsync(Steps.Shipping, HttpMethod.Put, "/api/cart/cart/shipping", new { method = "standard", storeId = (string?)null, version = cart["version"]!.GetValue<long>() });
        if (cart is null) return;

        var order = await SendAsync(Steps.PlaceOrder, HttpMethod.Post, "/api/ordering/orders", email is null ? new { } : (object)new { email },
            headers: [("Idempotency-Key", Guid.CreateVersion7().ToString())], soldOut: HttpStatusCode.Conflict);
        if (order is null) return;
        var orderPath = $"/api/ordering/orders/{order["id"]!.GetValue<string>()}";
        var until = Stopwatch.GetTimestamp() + (long)(PaidWithin.TotalSeconds * Stopwatch.Frequency);
        while (order["payment"] is not JsonObject)
        {
            // 202: the checkout had not reached the payment yet; a member's page watches the order (a guest cannot read it).
            if (_accessToken is null) { recorder?.Error(Steps.PlaceOrder, "202 for a guest"); return; }
            if (Stopwatch.GetTimestamp() > until) { recorder?.Error(Steps.PlaceOrder, "no payment within 60 s"); return; }
            _due = Stopwatch.GetTimestamp() + (long)(PollInterval.TotalSeconds * Stopwatch.Frequency);
            order = await SendAsync(Steps.OrderStatus, HttpMethod.Get, orderPath, thinkAfter: false);
            if (order is null) return;
        }

        // Only a signed-in customer can read an order (GET /api/ordering/orders/{id}): a guest's journey ends with the card accepted.
        if (!await PayAsync(order["payment"]!["paymentPageUrl"]!.GetValue<string>()) || _accessToken is null) return;
        var paidFrom = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < until)
        {
            _due = Stopwatch.GetTimestamp() + (long)(PollInterval.TotalSeconds * Stopwatch.Frequency);
            order = await SendAsync(Steps.OrderStatus, HttpMethod.Get, orderPath, thinkAfter: false);
            if (order is null) return;
            var status = order["status"]!.GetValue<string>();
            if (PaidStatuses.Contains(status))
            {
                recorder?.Ok(Steps.Paid, paidFrom);
                return;
            }

            if (status == "Cancelled") { recorder?.Error(Steps.Paid, $"cancelled: {order["cancellationReason"]}"); return; }
        }

        recorder?.Error(Steps.Paid, "not paid within 60 s");
    }

    /// <summary>The sandbox's hosted page, as the shopper's browser submits it (Stripe is outside the shop: not through the gateway).</summary>
    private async Task<bool> PayAsync(string paymentPageUrl)
    {
        var page = new Uri(paymentPageUrl);
        var clientSecret = System.Web.HttpUtility.ParseQueryString(page.Query)["client_secret"];
        using var form = new FormUrlEncodedContent([new("client_secret", clientSecret), new("card_number", "4242424242424242")]);
        var intent = await SendAsync(Steps.Pay, HttpMethod.Post, page.GetLeftPart(UriPartial.Path), form);
        if (intent is null) return false;
        if (intent["status"]?.GetValue<string>() == "succeeded") return true;
        recorder?.Error(Steps.Pay, $"intent {intent["status"]}");
        return false;
    }

    private async Task<JsonNode?> GraphqlAsync(string step, MixRequest request)
    {
        using var content = new ByteArrayContent(request.Body);
        content.Headers.ContentType = new("application/json");
        var answer = await SendAsync(step, HttpMethod.Post, context.Graphql.AbsoluteUri, content);
        if (answer?["errors"] is null) return answer;
        recorder?.Error(step, "GraphQL errors");
        return null;
    }

    private Task<JsonNode?> SendAsync(string step, HttpMethod method, string path, object body, (string, string)[]? headers = null, HttpStatusCode? soldOut = null) =>
        SendAsync(step, method, path, JsonContent.Create(body), headers, soldOut);

    /// <summary>
    /// One step: waits until it is due, sends it (with the shopper's cart cookie and token), keeps the cart cookie it
    /// is given, records the latency from when it was due or the error, and makes the next step due after a think time.
    /// Null when it failed.
    /// </summary>
    private async Task<JsonNode?> SendAsync(string step, HttpMethod method, string path, HttpContent? content = null, (string, string)[]? headers = null,
        HttpStatusCode? soldOut = null, bool thinkAfter = true)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _due);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        var due = _due;
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(context.Gateway, path)) { Content = content };
            if (_cartCookie is not null) request.Headers.Add("Cookie", $"sos_cart={_cartCookie}");
            if (_accessToken is not null) request.Headers.Authorization = new("Bearer", _accessToken);
            foreach (var (name, value) in headers ?? []) request.Headers.Add(name, value);
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies)
                && cookies.FirstOrDefault(c => c.StartsWith("sos_cart=", StringComparison.Ordinal)) is { } cart)
            {
                _cartCookie = cart["sos_cart=".Length..cart.IndexOf(';')];
            }

            if (response.StatusCode == soldOut)
            {
                recorder?.SoldOut(step);
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                recorder?.Error(step, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return null;
            }

            recorder?.Ok(step, due);
            return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            recorder?.Error(step, failure.GetType().Name);
            return null;
        }
        finally
        {
            if (thinkAfter) _due = Stopwatch.GetTimestamp() + (long)(context.Options.ThinkMs * (0.5 + random.NextDouble()) / 1000 * Stopwatch.Frequency);
        }
    }
}
