using System.Net;
using System.Text.Json;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.TestSupport;
using PaymentIntentConfirmOptions = Stripe.PaymentIntentConfirmOptions;

namespace SpaceOfSport.Ordering.Tests.Infrastructure;

/// <summary>One shopper's browser: fills the cart, places orders, pays on the sandbox, reads and cancels its orders.</summary>
public sealed class Customer(CheckoutHost host, HttpClient http, Guid? userId) : IDisposable
{
    public static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public Guid? UserId => userId;

    public HttpClient Http => http;

    /// <summary>Puts <paramref name="quantity"/> of <paramref name="sku"/> in the cart, ready to ship to Germany by standard delivery.</summary>
    public async Task FillCartAsync(string sku, int quantity = 1)
    {
        (await http.PostAsJsonAsync(Cart("/api/cart/lines"), new { sku, quantity })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.PutAsJsonAsync(Cart("/api/cart/destination"), new { country = "DE", postalCode = "10115" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.PutAsJsonAsync(Cart("/api/cart/shipping"), new { method = "standard" })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public async Task<JsonElement> CartAsync() => await http.GetFromJsonAsync<JsonElement>(Cart("/api/cart"));

    /// <summary>Adds units of <paramref name="sku"/> to the cart (to its line if it has one).</summary>
    public async Task AddToCartAsync(string sku, int quantity) =>
        (await http.PostAsJsonAsync(Cart("/api/cart/lines"), new { sku, quantity })).StatusCode.Should().Be(HttpStatusCode.OK);

    public async Task SetQuantityAsync(string sku, int quantity) =>
        (await http.PutAsJsonAsync(Cart($"/api/cart/lines/{sku}"), new { quantity })).StatusCode.Should().Be(HttpStatusCode.OK);

    public async Task ApplyPromotionAsync(string code) =>
        (await http.PutAsJsonAsync(Cart("/api/cart/promotion"), new { code })).StatusCode.Should().Be(HttpStatusCode.OK);

    public async Task<HttpResponseMessage> PlaceAsync(string? idempotencyKey, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Ordering("/api/orders"))
        {
            Content = JsonContent.Create(body ?? new { }),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }

    /// <summary>Places the order and expects it created and awaiting payment.</summary>
    public async Task<JsonElement> PlaceOkAsync(string? idempotencyKey = null, string? guestEmail = null)
    {
        using var response = await PlaceAsync(idempotencyKey ?? Guid.NewGuid().ToString(), guestEmail is null ? null : new { email = guestEmail });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public Task<HttpResponseMessage> GetAsync(Guid orderId) => http.GetAsync(Ordering($"/api/orders/{orderId}"));

    public async Task<JsonElement> OrderAsync(Guid orderId)
    {
        using var response = await GetAsync(orderId);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Waits until the order has <paramref name="status"/> (the checkout runs asynchronously).</summary>
    public Task<JsonElement> WaitForStatusAsync(Guid orderId, string status, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => OrderAsync(orderId), o => o.GetProperty("status").GetString() == status, timeout, because: $"order {orderId} to be {status}");

    public Task<HttpResponseMessage> CancelAsync(Guid orderId) => http.PostAsync(Ordering($"/api/orders/{orderId}/cancel"), null);

    /// <summary>The customer confirms the order's PaymentIntent on the sandbox with a test card (Stripe.js in a browser).</summary>
    public async Task PayAsync(JsonElement order, string card = "pm_card_visa")
    {
        var intent = order.GetProperty("payment").GetProperty("paymentIntentId").GetString();
        await host.Stripe.V1.PaymentIntents.ConfirmAsync(intent, new PaymentIntentConfirmOptions { PaymentMethod = card });
    }

    /// <summary>The customer answers the sandbox's 3-D Secure page (<c>complete</c> or <c>fail</c>).</summary>
    public async Task AnswerChallengeAsync(JsonElement order, string outcome)
    {
        var payment = order.GetProperty("payment");
        using var sandbox = host.Sandbox.CreateHttpClient();
        using var answer = await sandbox.PostAsync($"/sandbox/3ds/{payment.GetProperty("paymentIntentId").GetString()}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = payment.GetProperty("clientSecret").GetString()!,
            ["outcome"] = outcome,
        }));
        answer.EnsureSuccessStatusCode();
    }

    private Uri Cart(string path) => new(host.Cart.Address, path);

    private Uri Ordering(string path) => new(host.OrderingAddress, path);

    public void Dispose() => http.Dispose();
}
