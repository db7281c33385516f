using System.Net;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using SpaceOfSport.Contracts.Inventory.V1;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Shop.Tests;

/// <summary>
/// Catalog → inventory → catalog, through real pub/sub: products the catalog announces (its seed, a new product) get
/// stock rows in inventory, and inventory's stock changes (opening stock, reservations, releases) drive what the
/// catalog's search says is in stock.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class StockFlowTests(ShopHost shop)
{
    private static readonly TimeSpan SeedTimeout = TimeSpan.FromMinutes(2);

    private const string ProductQuery = "query($slug: String!) { product(slug: $slug) { inStock variants { sku inStock } } }";

    private async Task<Dictionary<string, long>> AvailableAsync(IEnumerable<string> skus)
    {
        var request = new GetAvailabilityRequest();
        request.Skus.AddRange(skus);
        var response = await shop.Inventory.GetAvailabilityAsync(request);
        return response.Items.ToDictionary(i => i.Sku, i => i.Available);
    }

    /// <summary>Available units per SKU once inventory knows every one of them; null while one is still unknown.</summary>
    private async Task<Dictionary<string, long>?> RegisteredAsync(IReadOnlyList<string> skus)
    {
        try
        {
            return await AvailableAsync(skus);
        }
        catch (Grpc.Core.RpcException exception) when (exception.StatusCode == Grpc.Core.StatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<Dictionary<string, bool>> VariantsInStockAsync(string slug)
    {
        var data = await shop.GraphQLAsync(ProductQuery, new { slug });
        return data["product"]!["variants"]!.AsArray().ToDictionary(v => v!["sku"]!.GetValue<string>(), v => v!["inStock"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_seed_reaches_inventory_and_its_stock_comes_back_to_search()
    {
        var search = await shop.GraphQLAsync("{ search(first: 100) { totalCount nodes { slug variants { sku } } } }");
        var skus = search["search"]!["nodes"]!.AsArray().SelectMany(n => n!["variants"]!.AsArray().Select(v => v!["sku"]!.GetValue<string>())).ToList();
        skus.Should().NotBeEmpty();

        // Every seeded SKU (active or not) has a stock row in inventory, with its opening stock.
        // The seed is 1,200 product events, each registering its SKUs in one transaction: on a busy two-core machine the
        // first run after a build (cold JIT, cold files) takes longer than the default half minute to work through them.
        var available = await Eventually.ReturnsAsync(() => RegisteredAsync(skus), levels => levels is not null, SeedTimeout);
        available!.Values.Should().Contain(units => units > 0).And.OnlyContain(units => units >= 0);

        // And the catalog's in-stock facet agrees with inventory, variant by variant.
        const string facets = "{ search(first: 100) { nodes { variants { sku inStock } } facets { inStock { value count } } } }";
        var agreed = await Eventually.ReturnsAsync(() => shop.GraphQLAsync(facets), data => data["search"]!["nodes"]!.AsArray()
            .SelectMany(n => n!["variants"]!.AsArray())
            .All(v => v!["inStock"]!.GetValue<bool>() == available[v["sku"]!.GetValue<string>()] > 0), SeedTimeout);
        agreed["search"]!["facets"]!["inStock"]!.AsArray().Single(f => f!["value"]!.GetValue<string>() == "true")!["count"]!.GetValue<int>()
            .Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Reserving_the_last_units_sells_the_variant_out_in_search_and_releasing_brings_it_back()
    {
        var search = await shop.GraphQLAsync("{ search(first: 100, filters: { inStock: true }) { nodes { slug variants { sku inStock } } } }");
        var product = search["search"]!["nodes"]!.AsArray().First()!;
        var slug = product["slug"]!.GetValue<string>();
        var sku = product["variants"]!.AsArray().First(v => v!["inStock"]!.GetValue<bool>())!["sku"]!.GetValue<string>();
        var units = (await AvailableAsync([sku]))[sku];

        var reservationId = Guid.NewGuid().ToString();
        await shop.Inventory.ReserveAsync(new ReserveRequest
        {
            ReservationId = reservationId,
            Lines = { new ReservationLine { Sku = sku, Quantity = (int)units } },
            Ttl = Duration.FromTimeSpan(TimeSpan.FromMinutes(10)),
        });
        await Eventually.ReturnsAsync(() => VariantsInStockAsync(slug), variants => !variants[sku]);

        await shop.Inventory.ReleaseAsync(new ReleaseRequest { ReservationId = reservationId });
        var released = await Eventually.ReturnsAsync(() => VariantsInStockAsync(slug), variants => variants[sku]);
        released[sku].Should().BeTrue();
    }

    [Fact]
    public async Task A_product_created_in_the_catalog_is_stocked_by_inventory_and_searchable_as_such()
    {
        var brand = (await shop.Catalog.GetFromJsonAsync<JsonNode>("/api/brands"))!["items"]![0]!["id"]!.GetValue<Guid>();
        var category = (await shop.Catalog.GetFromJsonAsync<JsonNode>("/api/categories"))!["items"]![0]!["id"]!.GetValue<Guid>();
        var slug = $"flow-{Guid.NewGuid():N}"[..20];
        var skus = new[] { $"SOS-F{slug[^6..]}-M-BLK", $"SOS-F{slug[^6..]}-L-BLK" };
        var created = await shop.Catalog.PostAsJsonAsync("/api/products", new
        {
            name = "Flow Test Tee",
            slug,
            brandId = brand,
            categoryId = category,
            status = "Active",
            variants = skus.Select((sku, i) => new { sku, size = i == 0 ? "M" : "L", colour = "Black", priceMinor = 2500L }).ToArray(),
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        // The seed is 1,200 product events, each registering its SKUs in one transaction: on a busy two-core machine the
        // first run after a build (cold JIT, cold files) takes longer than the default half minute to work through them.
        var available = await Eventually.ReturnsAsync(() => RegisteredAsync(skus), levels => levels is not null, SeedTimeout);
        var inSearch = await Eventually.ReturnsAsync(() => VariantsInStockAsync(slug), variants => skus.All(sku => variants[sku] == available![sku] > 0));
        inSearch.Keys.Should().BeEquivalentTo(skus);
    }
}
