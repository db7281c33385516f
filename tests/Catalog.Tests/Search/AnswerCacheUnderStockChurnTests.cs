using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Catalog.GraphQL;
using SpaceOfSport.Catalog.Products;
using SpaceOfSport.Catalog.Search;
using SpaceOfSport.Catalog.Stock;

namespace SpaceOfSport.Catalog.Tests.Search;

/// <summary>
/// The answer cache under stock churn, on the real index and the catalog's answer version without a database: a SKU going
/// in or out of stock retires exactly the cached answers that read its product's stock (its product page, the searches
/// that matched it), and no others.
/// </summary>
public sealed class AnswerCacheUnderStockChurnTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly CategoryNode Category = new(Guid.NewGuid(), null, "gear", "Gear", 0, 0, []);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly StockLevels _stock = new();
    private readonly SearchIndex _index;
    private readonly GraphQLAnswerCache _cache;
    private long _reportedAt;

    public AnswerCacheUnderStockChurnTests()
    {
        _index = new SearchIndex(_stock, _time);
        _index.Swap(Snapshot());
        _cache = new GraphQLAnswerCache(new CatalogAnswerVersion(_index, _time), _time);
        foreach (var sku in new[] { "RUNNER-RED-M", "RUNNER-RED-L", "RUNNER-BLUE-M", "BEANIE-GREEN" }) Report(sku, 5);
    }

    private SearchSnapshot Snapshot() => new([Product(1, "red-runner", "Red Runner", "RUNNER-RED-M", "RUNNER-RED-L"),
        Product(2, "blue-runner", "Blue Runner", "RUNNER-BLUE-M"), Product(3, "green-beanie", "Green Beanie", "BEANIE-GREEN")], [Category], []);

    private ProductDocument Product(int number, string slug, string name, params string[] skus) => new(Guid.NewGuid(), number, slug, name, "", "brand", "Brand",
        Category.Id, [Category.Id], [], AgeGroup.Unisex, [], new Dictionary<string, string>(), Now.AddDays(-number), 0,
        [.. skus.Select(sku => new VariantDocument(Guid.NewGuid(), sku, "M", "Black", 1999, "EUR", null, _stock.SlotOf(sku)))]);

    private void Report(string sku, long available) => _stock.Set(sku, available, ++_reportedAt);

    /// <summary>Runs a lookup as the GraphQL endpoint does (stamp first, then the resolvers) and keeps its answer.</summary>
    private void Keep(string key, Action<StockReads> resolve)
    {
        var stamp = _cache.Stamp();
        var reads = new StockReads();
        resolve(reads);
        _cache.Keep(key, [1], stamp, reads);
    }

    private void KeepProductPage(string slug) => Keep(slug, reads => _index.Current.Product(slug, Now, _stock, reads).Should().NotBeNull());

    private void KeepSearch(string text) => Keep(text, reads => _index.Search(new SearchQuery { Text = text }, reads).TotalCount.Should().BePositive());

    [Fact]
    public void A_product_page_is_kept_through_stock_changes_of_other_products_and_retired_by_its_own()
    {
        KeepProductPage("red-runner");

        Report("BEANIE-GREEN", 0);
        Report("RUNNER-BLUE-M", 0);
        var afterOthers = _cache.Find("red-runner");
        Report("RUNNER-RED-L", 0);

        afterOthers.Should().NotBeNull("no SKU of the red runner changed");
        _cache.Find("red-runner").Should().BeNull("one of its sizes sold out");
    }

    [Fact]
    public void A_search_is_retired_by_a_stock_change_of_any_product_it_matched_and_kept_through_the_others()
    {
        KeepSearch("runner");
        KeepSearch("beanie");

        Report("RUNNER-BLUE-M", 0);

        _cache.Find("runner").Should().BeNull("the blue runner is among its matches (its availability and the in-stock counts)");
        _cache.Find("beanie").Should().NotBeNull("no runner is among its matches");
    }

    [Fact]
    public void A_change_in_the_number_of_units_that_keeps_a_sku_in_stock_retires_nothing()
    {
        KeepProductPage("red-runner");

        Report("RUNNER-RED-M", 2);

        _cache.Find("red-runner").Should().NotBeNull("answers say in stock or not, never how many");
    }

    [Fact]
    public void An_answer_that_read_no_stock_outlives_every_flip_and_an_index_swap_retires_every_answer()
    {
        Keep("categories", _ => { });
        KeepProductPage("green-beanie");

        Report("RUNNER-RED-M", 0);
        Report("BEANIE-GREEN", 0);
        var afterFlips = _cache.Find("categories");
        _index.Swap(Snapshot());

        afterFlips.Should().NotBeNull();
        _cache.Find("green-beanie").Should().BeNull();
        _cache.Find("categories").Should().BeNull("a new snapshot may change any answer");
    }

    [Fact]
    public void More_flips_than_the_log_keeps_retire_an_answer_since_they_can_no_longer_be_named()
    {
        KeepProductPage("red-runner");

        for (var i = 0; i < StockLevels.FlipLogLength; i++) Report("BEANIE-GREEN", i % 2);

        _cache.Find("red-runner").Should().BeNull();
    }

    [Fact]
    public void An_answer_checked_after_flips_is_checked_again_only_against_the_later_ones()
    {
        KeepProductPage("red-runner");
        Report("BEANIE-GREEN", 0);
        _cache.Find("red-runner").Should().NotBeNull();

        // The first flip was checked and the entry moved past it; the log may now overwrite it without retiring the page.
        for (var i = 0; i < StockLevels.FlipLogLength - 1; i++) Report("RUNNER-BLUE-M", i % 2);

        _cache.Find("red-runner").Should().NotBeNull();
    }
}
