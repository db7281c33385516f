using SpaceOfSport.Analytics.Tests.Infrastructure;
using SpaceOfSport.Contracts.Events.Inventory;

namespace SpaceOfSport.Analytics.Tests;

/// <summary>
/// Similar products fill recommendations when nothing was bought together or seen: from the catalog's facts (same
/// category subtree, brand, price band, sport), in stock, active, never the product itself. Each test has its own
/// category trees, so the tests of a host never see each other's products.
/// </summary>
public abstract class SimilarProductTests(AnalyticsHost host)
{
    [Fact]
    public async Task A_product_without_co_purchases_gets_similar_products_in_stock_most_alike_first()
    {
        var data = await SeedAsync();

        var body = await host.GraphQLAsync("query($id: ID!) { recommendations(productId: $id, first: 10) { productId reason score } }", new { id = data.Seed });

        var recommended = body["data"]!["recommendations"]!.AsArray().Select(r => (Guid.Parse(r!["productId"]!.GetValue<string>()), r["reason"]!.GetValue<string>())).ToList();
        recommended.Where(r => r.Item2 == "similar").Select(r => r.Item1)
            .Should().Equal(data.SameCategoryBrandAndPrice, data.SameCategoryOtherBrand, data.SiblingCategory);
        recommended.Select(r => r.Item1).Should().NotContain(data.Seed)
            .And.NotContain(data.SoldOut, "it is sold out")
            .And.NotContain(data.Archived, "it is no longer sold")
            .And.NotContain(data.OtherTree, "nothing in common: another category tree");
    }

    [Fact]
    public async Task A_customer_who_only_looked_at_one_product_gets_it_and_then_products_like_it()
    {
        var data = await SeedAsync();
        var customer = Guid.CreateVersion7();
        await host.SendEventsAsync(Usage.Event("product-viewed", host.Clock.GetUtcNow().AddMinutes(-1), userId: customer, productId: data.Seed));

        var body = await host.GraphQLAsync("query { recommendedForMe(first: 3) { productId reason } }", token: host.CustomerToken(customer));

        body["data"]!["recommendedForMe"]!.AsArray().Select(r => (Guid.Parse(r!["productId"]!.GetValue<string>()), r["reason"]!.GetValue<string>()))
            .Should().Equal((data.Seed, "for-you"), (data.SameCategoryBrandAndPrice, "similar"), (data.SameCategoryOtherBrand, "similar"));
    }

    [Fact]
    public async Task A_product_the_catalog_deleted_is_no_longer_recommended()
    {
        var data = await SeedAsync();
        host.Catalog.Remove(data.SameCategoryBrandAndPrice);
        await host.AnnounceProductAsync(data.SameCategoryBrandAndPrice, host.Clock.GetUtcNow(), deleted: true);

        var body = await host.GraphQLAsync("query($id: ID!) { recommendations(productId: $id, first: 10) { productId } }", new { id = data.Seed });

        body["data"]!["recommendations"]!.AsArray().Select(r => Guid.Parse(r!["productId"]!.GetValue<string>())).Should().NotContain(data.SameCategoryBrandAndPrice)
            .And.Contain(data.SameCategoryOtherBrand);
    }

    private sealed record Dataset(Guid Seed, Guid SameCategoryBrandAndPrice, Guid SameCategoryOtherBrand, Guid SiblingCategory, Guid SoldOut, Guid Archived, Guid OtherTree);

    /// <summary>A tree running → shoes → trail, with road beside trail, and another tree; each call its own products.</summary>
    private async Task<Dataset> SeedAsync()
    {
        var (running, shoes, trail, road, swimming) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        host.Catalog.AddCategoryPath(running, shoes, trail);
        host.Catalog.AddCategoryPath(running, shoes, road);
        host.Catalog.AddCategoryPath(swimming);
        var (brand, otherBrand, sport) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var data = new Dataset(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        (Guid Product, Guid Brand, Guid Category, long Price, string Status, long Stock)[] products =
        [
            (data.Seed, brand, trail, 10_000, "active", 5),
            (data.SameCategoryBrandAndPrice, brand, trail, 9_000, "active", 5),
            (data.SameCategoryOtherBrand, otherBrand, trail, 30_000, "active", 5),
            (data.SiblingCategory, otherBrand, road, 30_000, "active", 5),
            (data.SoldOut, brand, trail, 10_000, "active", 0),
            (data.Archived, brand, trail, 10_000, "archived", 5),
            (data.OtherTree, brand, swimming, 10_000, "active", 5),
        ];
        var now = host.Clock.GetUtcNow();
        foreach (var (product, productBrand, category, price, status, stock) in products)
        {
            var sku = $"sim-{product:N}";
            host.Catalog.SetProduct(product, productBrand, category, [sport], price, status, (Guid.CreateVersion7(), sku, "42"));
            await host.AnnounceProductAsync(product, now.AddMinutes(-30));
            (await host.DeliverAsync("/events/inventory/stock-changed", new StockChanged { Sku = sku, Location = "main", TotalAvailable = stock, Available = stock, Reason = "adjusted", OccurredAt = now.AddMinutes(-20) }))
                .Should().Be("SUCCESS");
        }
        return data;
    }
}

public sealed class SqliteSimilarProductTests(SqliteAnalyticsHost host) : SimilarProductTests(host), IClassFixture<SqliteAnalyticsHost>;

public sealed class PostgresSimilarProductTests(PostgresAnalyticsHost host) : SimilarProductTests(host), IClassFixture<PostgresAnalyticsHost>;
