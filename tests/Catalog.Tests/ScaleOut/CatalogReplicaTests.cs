using System.Net;
using System.Text.Json.Nodes;
using SpaceOfSport.Catalog.Tests.Infrastructure;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Catalog.Tests.ScaleOut;

/// <summary>
/// Two catalog replicas behind one Service: each keeps its own in-memory search index and stock mirror, and a shopper's
/// search may land on either. Every replica receives every event through pubsub-broadcast (consumerID
/// "{appID}-{podName}": https://docs.dapr.io/reference/components-reference/supported-pubsub/setup-redis-pubsub/ and the
/// other brokers' pages), so both answer alike.
/// </summary>
public sealed class CatalogReplicaTests(CatalogReplicas shop) : IClassFixture<CatalogReplicas>
{
    private const string ProductQuery = "query($slug: String!) { product(slug: $slug) { name inStock } }";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    [Fact]
    public async Task A_product_created_on_one_replica_is_found_by_the_other_replicas_search()
    {
        var slug = await CreateProductAsync(replica: 0);

        foreach (var replica in new[] { 0, 1 })
        {
            var data = await Eventually.ReturnsAsync(() => shop.Client(replica).DataAsync(ProductQuery, new { slug }), d => d["product"] is not null,
                because: $"replica {replica} should index the product replica 0 created");
            data["product"]!["name"]!.GetValue<string>().Should().Be("Replica Trail Shoe");
        }

        var search = await Eventually.ReturnsAsync(
            () => shop.Client(1).DataAsync("query($q: String!) { search(query: $q, first: 5) { nodes { slug } } }", new { q = "Replica Trail" }),
            d => d["search"]!["nodes"]!.AsArray().Any(n => n!["slug"]!.GetValue<string>() == slug));
        search["search"]!["nodes"]!.AsArray().Select(n => n!["slug"]!.GetValue<string>()).Should().Contain(slug);
    }

    [Fact]
    public async Task A_stock_event_reaches_both_replicas_indexes()
    {
        var slug = await CreateProductAsync(replica: 1);
        var sku = $"SOS-{slug[^6..]}-EU42-BLK";
        foreach (var replica in new[] { 0, 1 })
            await Eventually.ReturnsAsync(() => shop.Client(replica).DataAsync(ProductQuery, new { slug }), d => d["product"]?["inStock"]?.GetValue<bool>() == false);

        // Published as inventory publishes it: on the shared pubsub, where replicas of one app would compete for it.
        using var dapr = shop.Replicas[0].CreateDaprClient();
        await dapr.PublishEventAsync("pubsub", IntegrationEvent.Topic<StockChanged>(), new StockChanged { Sku = sku, Location = "main", TotalAvailable = 4, Reason = "registered" });

        foreach (var replica in new[] { 0, 1 })
        {
            var data = await Eventually.ReturnsAsync(() => shop.Client(replica).DataAsync(ProductQuery, new { slug }), d => d["product"]?["inStock"]?.GetValue<bool>() == true,
                because: $"replica {replica} should mirror the stock event");
            data["product"]!["inStock"]!.GetValue<bool>().Should().BeTrue();
        }
    }

    /// <summary>An active product with one variant (SKU ending in the slug's last 6 characters) created through <paramref name="replica"/>.</summary>
    private async Task<string> CreateProductAsync(int replica)
    {
        var writer = shop.Client(replica, writer: true);
        var brand = await CreateAsync(writer, "/api/brands", new { name = "Replica Brand", slug = Unique("brand") });
        var category = await CreateAsync(writer, "/api/categories", new { name = "Replica Category", slug = Unique("cat") });
        var slug = Unique("product");
        await CreateAsync(writer, "/api/products", new
        {
            name = "Replica Trail Shoe",
            slug,
            description = "Seen by every replica",
            brandId = brand["id"]!.GetValue<Guid>(),
            categoryId = category["id"]!.GetValue<Guid>(),
            status = "Active",
            variants = new[] { new { sku = $"SOS-{slug[^6..]}-EU42-BLK", size = "EU 42", colour = "Black", priceMinor = 8999L, currency = "EUR", weightGrams = 300 } },
        });
        return slug;
    }

    private static async Task<JsonNode> CreateAsync(HttpClient writer, string path, object body)
    {
        var response = await writer.PostAsJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}
