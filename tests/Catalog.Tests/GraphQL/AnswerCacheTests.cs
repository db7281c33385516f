using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SpaceOfSport.Catalog.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Catalog.Tests.GraphQL;

/// <summary>
/// Whole answers from the GraphQL answer cache: anonymous answers are shared until the product or its stock changes
/// (the first request after the change sees it, no waiting), and a caller with a token neither reads nor fills it.
/// </summary>
public sealed class AnswerCacheTests(SqliteCatalogHost host) : IClassFixture<SqliteCatalogHost>
{
    private const string ProductQuery = "query($slug: String!) { product(slug: $slug) { name inStock variants { sku inStock } } }";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private async Task<JsonNode> CreateAsync(string path, object body)
    {
        var response = await host.Writer.PostAsJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private static object ProductBody(string name, string slug, JsonNode brand, JsonNode category) => new
    {
        name,
        slug,
        brandId = brand["id"]!.GetValue<Guid>(),
        categoryId = category["id"]!.GetValue<Guid>(),
        status = "Active",
        variants = new[] { new { sku = $"SOS-{slug[^6..]}-M-BLK", size = "M", colour = "Black", priceMinor = 4999L, currency = "EUR" } },
    };

    /// <summary>A new active product, once the search index has it.</summary>
    private async Task<(JsonNode Product, object Body)> ProductAsync()
    {
        var brand = await CreateAsync("/api/brands", new { name = "Cache Brand", slug = Unique("brand") });
        var category = await CreateAsync("/api/categories", new { name = "Cache Category", slug = Unique("cat") });
        var slug = Unique("cached");
        var body = ProductBody("Cached Runner", slug, brand, category);
        var product = await CreateAsync("/api/products", body);
        await Eventually.ReturnsAsync(() => Task.FromResult(host.Index.Current.Product(slug, host.Index.Now, host.Index.Stock)), p => p is not null, TimeSpan.FromSeconds(30));
        return (product, body);
    }

    private static async Task<(string CacheStatus, JsonNode Data)> AskAsync(HttpClient client, object variables)
    {
        var response = await client.PostAsJsonAsync("/graphql", new { query = ProductQuery, variables });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["errors"].Should().BeNull(because: body.ToJsonString());
        return (string.Join(",", response.Headers.GetValues("Cache-Status")), body["data"]!["product"]!);
    }

    [Fact]
    public async Task A_renamed_product_is_answered_by_the_first_request_after_the_index_has_it()
    {
        var (product, _) = await ProductAsync();
        var slug = product["slug"]!.GetValue<string>();
        var brand = await CreateAsync("/api/brands", new { name = "Rename Brand", slug = Unique("brand") });
        var category = await CreateAsync("/api/categories", new { name = "Rename Category", slug = Unique("cat") });
        await AskAsync(host.Reader, new { slug });
        var (cached, before) = await AskAsync(host.Reader, new { slug });

        var rename = new HttpRequestMessage(HttpMethod.Put, $"/api/products/{product["id"]}") { Content = JsonContent.Create(ProductBody("Renamed Runner", slug, brand, category)) };
        rename.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        (await host.Writer.SendAsync(rename)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.ReturnsAsync(() => Task.FromResult(host.Index.Current.Product(slug, host.Index.Now, host.Index.Stock)!.Document.Name), name => name == "Renamed Runner", TimeSpan.FromSeconds(30));
        var (status, after) = await AskAsync(host.Reader, new { slug });

        cached.Should().Be("graphql; hit");
        before["name"]!.GetValue<string>().Should().Be("Cached Runner");
        status.Should().Be("graphql; fwd=miss; stored");
        after["name"]!.GetValue<string>().Should().Be("Renamed Runner");
    }

    [Fact]
    public async Task A_stock_event_is_answered_by_the_next_request()
    {
        var (product, _) = await ProductAsync();
        var slug = product["slug"]!.GetValue<string>();
        var sku = product["variants"]![0]!["sku"]!.GetValue<string>();
        await AskAsync(host.Reader, new { slug });
        var (cached, before) = await AskAsync(host.Reader, new { slug });

        var delivery = await host.Reader.PostAsync("/events/inventory/stock-changed", new StringContent(
            $$"""{ "id": "{{Guid.NewGuid()}}", "occurredAt": "{{DateTimeOffset.UtcNow:O}}", "sku": "{{sku}}", "location": "main", "totalAvailable": 4, "reason": "registered" }""",
            System.Text.Encoding.UTF8, "application/json"));
        (await delivery.Content.ReadFromJsonAsync<JsonNode>())!["status"]!.GetValue<string>().Should().Be("SUCCESS");
        var (status, after) = await AskAsync(host.Reader, new { slug });

        cached.Should().Be("graphql; hit");
        before["inStock"]!.GetValue<bool>().Should().BeFalse();
        status.Should().Be("graphql; fwd=miss; stored");
        after["inStock"]!.GetValue<bool>().Should().BeTrue();
        after["variants"]![0]!["inStock"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_caller_with_a_token_neither_reads_nor_fills_the_cache()
    {
        var (product, _) = await ProductAsync();
        var slug = product["slug"]!.GetValue<string>();
        using var forged = host.Service.CreateHttpClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        var (customerFirst, _) = await AskAsync(host.Customer, new { slug });
        var (anonymousAfterCustomer, _) = await AskAsync(host.Reader, new { slug });
        var (anonymousAgain, _) = await AskAsync(host.Reader, new { slug });
        var (customerAfterAnonymous, _) = await AskAsync(host.Customer, new { slug });
        var (forgedToken, _) = await AskAsync(forged, new { slug });

        customerFirst.Should().Be("graphql; fwd=bypass");
        anonymousAfterCustomer.Should().Be("graphql; fwd=miss; stored", "the customer's answer was not kept");
        anonymousAgain.Should().Be("graphql; hit");
        customerAfterAnonymous.Should().Be("graphql; fwd=bypass", "an anonymous answer is not given to a caller with a token");
        forgedToken.Should().Be("graphql; fwd=bypass", "any Authorization header keeps the cache out, valid or not");
    }
}
