using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace SpaceOfSport.Shop.Tests;

/// <summary>
/// A shopper's cart through the gateway, priced by the real catalog (Dapr service invocation) and stocked by the real
/// inventory (gRPC through Dapr): the seeded products, end to end.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class CartFlowTests(ShopHost shop)
{
    private async Task<JsonNode> SeededVariantAsync()
    {
        var page = (await shop.Catalog.GetFromJsonAsync<JsonNode>("/api/products?limit=1&status=Active"))!;
        return page["items"]![0]!["variants"]![0]!;
    }

    [Fact]
    public async Task A_shopper_fills_a_cart_through_the_gateway_at_catalog_prices_with_inventorys_stock()
    {
        var variant = await SeededVariantAsync();
        var sku = variant["sku"]!.GetValue<string>();

        var added = await shop.Gateway.PostAsJsonAsync("/api/cart/cart/lines", new { sku, quantity = 2 });
        var body = (await added.Content.ReadFromJsonAsync<JsonNode>())!;

        added.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        added.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("sos_cart=") && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var line = body["lines"]![0]!;
        line["unitPriceMinor"]!.GetValue<long>().Should().Be(variant["priceMinor"]!.GetValue<long>());
        line["stock"]!.GetValue<string>().Should().NotBe("unknown", "inventory answered through Dapr's gRPC proxying");
        body["totals"]!["subtotalMinor"]!.GetValue<long>().Should().Be(2 * variant["priceMinor"]!.GetValue<long>());

        var again = (await shop.Gateway.GetFromJsonAsync<JsonNode>("/api/cart/cart"))!;
        again["version"]!.GetValue<long>().Should().Be(1);
        again["lines"]![0]!["sku"]!.GetValue<string>().Should().Be(sku);
    }

    [Fact]
    public async Task The_anonymous_cart_joins_the_users_cart_when_the_shopper_signs_in_through_the_gateway()
    {
        var sku = (await SeededVariantAsync())["sku"]!.GetValue<string>();
        using var browser = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = shop.Gateway.BaseAddress };
        (await browser.PostAsJsonAsync("/api/cart/cart/lines", new { sku, quantity = 1 })).EnsureSuccessStatusCode();

        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", shop.Identity.IssueToken(Guid.CreateVersion7().ToString()));
        var merged = (await browser.GetFromJsonAsync<JsonNode>("/api/cart/cart"))!;

        merged["anonymous"]!.GetValue<bool>().Should().BeFalse();
        merged["merge"]!["linesMerged"]!.GetValue<int>().Should().Be(1);
        merged["lines"]![0]!["quantity"]!.GetValue<int>().Should().Be(1);
    }
}
