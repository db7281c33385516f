using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Cart.Carts;

namespace SpaceOfSport.Cart.Tests.Infrastructure;

/// <summary>One browser talking to the cart API: its cookies, and a token once signed in.</summary>
public sealed class Shopper(HttpClient http, CookieContainer cookies, Uri address) : IDisposable
{
    public static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public HttpClient Http => http;

    public string? CartCookie => cookies.GetCookies(address)[CartOwner.CookieName]?.Value;

    public Cookie? CartCookieDetails => cookies.GetCookies(address)[CartOwner.CookieName];

    public void SignIn(string token) => http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    public Task<HttpResponseMessage> GetAsync(string path = "/api/cart") => http.GetAsync(path);

    public async Task<CartResponse> CartAsync() => (await Read<CartResponse>(await http.GetAsync("/api/cart"), HttpStatusCode.OK))!;

    public Task<HttpResponseMessage> AddAsync(string sku, int quantity, long? version = null) =>
        http.PostAsJsonAsync("/api/cart/lines", new { sku, quantity, version });

    public Task<HttpResponseMessage> ChangeAsync(string sku, int quantity, long? version = null) =>
        http.PutAsJsonAsync($"/api/cart/lines/{sku}", new { quantity, version });

    public Task<HttpResponseMessage> RemoveAsync(string sku, long? version = null) =>
        http.DeleteAsync($"/api/cart/lines/{sku}" + (version is null ? "" : $"?version={version}"));

    public Task<HttpResponseMessage> DestinationAsync(string country, string? region = null, string? postalCode = null, double? latitude = null, double? longitude = null) =>
        http.PutAsJsonAsync("/api/cart/destination", new { country, region, postalCode, latitude, longitude });

    public Task<HttpResponseMessage> ShippingAsync(string method, string? storeId = null) =>
        http.PutAsJsonAsync("/api/cart/shipping", new { method, storeId });

    public Task<HttpResponseMessage> PromotionAsync(string code) => http.PutAsJsonAsync("/api/cart/promotion", new { code });

    /// <summary>Adds and expects a 200 with the cart.</summary>
    public async Task<CartResponse> AddOkAsync(string sku, int quantity) => (await Read<CartResponse>(await AddAsync(sku, quantity), HttpStatusCode.OK))!;

    public static async Task<T?> Read<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return JsonSerializer.Deserialize<T>(body, Json);
    }

    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public void Dispose() => http.Dispose();
}
