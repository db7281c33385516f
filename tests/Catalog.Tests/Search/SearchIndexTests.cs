using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Catalog.Products;
using SpaceOfSport.Catalog.Search;
using SpaceOfSport.Catalog.Seed;
using SpaceOfSport.Catalog.Stock;

namespace SpaceOfSport.Catalog.Tests.Search;

/// <summary>The in-memory index and the seed generator, without a database.</summary>
public sealed class SearchIndexTests
{
    [Fact]
    public void The_seed_is_the_same_on_every_run()
    {
        var first = new SeedCatalog(200);
        var second = new SeedCatalog(200);

        first.Products.SelectMany(p => p.Variants).Select(v => (v.Sku, v.PriceMinor)).Should()
            .Equal(second.Products.SelectMany(p => p.Variants).Select(v => (v.Sku, v.PriceMinor)));
        first.Products.Select(p => p.Slug).Should().Equal(second.Products.Select(p => p.Slug)).And.OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("running", "running", 0)]
    [InlineData("runing", "running", 1)]
    [InlineData("nkie", "nike", 1)]
    [InlineData("shoe", "shirt", 3)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_transpositions(string a, string b, int expected)
    {
        Tokenizer.Distance(a, b, max: 3).Should().Be(expected);
    }

    [Fact]
    public void A_flash_sale_price_applies_only_while_it_runs()
    {
        var seed = new SeedCatalog(20);
        var product = seed.Products.First(p => p.Status == ProductStatus.Active);
        var variant = product.Variants.First();
        var document = new VariantDocument(variant.Id, variant.Sku, variant.Size, variant.Colour, variant.PriceMinor, variant.Currency, null, StockSlot: 0);
        var noon = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var sale = new FlashSale { Name = "Half", VariantIds = [variant.Id], PercentOff = 50, StartsAt = noon, EndsAt = noon.AddHours(1) };

        SearchSnapshot.EffectivePrice(product.Id, document, sale.IsActiveAt(noon.AddMinutes(30)) ? [sale] : []).Should().Be(variant.PriceMinor - (variant.PriceMinor / 2));
        SearchSnapshot.EffectivePrice(product.Id, document, sale.IsActiveAt(noon.AddHours(1)) ? [sale] : []).Should().Be(variant.PriceMinor);
    }

    [Fact]
    public void Stock_levels_keep_every_sku_as_slots_grow_and_ignore_older_reports()
    {
        var stock = new StockLevels();
        var slots = Enumerable.Range(0, 5000).Select(i => stock.SlotOf($"SKU-{i}")).ToList();
        for (var i = 0; i < 5000; i++) stock.Set($"SKU-{i}", i % 3 == 0 ? 0 : i, reportedAtTicks: 10);
        stock.Set("SKU-1", 0, reportedAtTicks: 9).Should().BeFalse("an older report never overwrites a newer one");

        slots.Should().OnlyHaveUniqueItems();
        stock.SlotOf("SKU-4999").Should().Be(slots[4999]);
        Enumerable.Range(0, 5000).Should().OnlyContain(i => stock.IsInStock(slots[i]) == (i % 3 != 0));
        stock.IsInStock(stock.SlotOf("never-reported")).Should().BeFalse();
    }

    [Fact]
    public void Prices_change_by_the_clock_only_when_a_flash_sale_starts_or_ends()
    {
        var noon = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var snapshot = new SearchSnapshot([], [], [
            new FlashSale { Name = "Morning", PercentOff = 10, StartsAt = noon.AddHours(-3), EndsAt = noon.AddHours(-1) },
            new FlashSale { Name = "Afternoon", PercentOff = 20, StartsAt = noon.AddHours(2), EndsAt = noon.AddHours(4) },
        ]);

        snapshot.NextPriceChangeAfter(noon.AddHours(-4)).Should().Be(noon.AddHours(-3));
        snapshot.NextPriceChangeAfter(noon.AddHours(-3)).Should().Be(noon.AddHours(-1), "the sale that starts at this instant is already running");
        snapshot.NextPriceChangeAfter(noon).Should().Be(noon.AddHours(2));
        snapshot.NextPriceChangeAfter(noon.AddHours(3)).Should().Be(noon.AddHours(4));
        snapshot.NextPriceChangeAfter(noon.AddHours(4)).Should().Be(DateTimeOffset.MaxValue);
    }

    [Fact]
    public void The_stock_version_moves_when_a_sku_goes_in_or_out_of_stock_and_only_then()
    {
        var stock = new StockLevels();
        var start = stock.Version;

        stock.Set("SKU-1", 5, reportedAtTicks: 1);
        var inStock = stock.Version;
        stock.Set("SKU-1", 3, reportedAtTicks: 2);
        var fewer = stock.Version;
        stock.Set("SKU-1", 0, reportedAtTicks: 3);
        var soldOut = stock.Version;
        stock.Set("SKU-2", 0, reportedAtTicks: 1);

        inStock.Should().BeGreaterThan(start);
        fewer.Should().Be(inStock, "answers say in stock or not, never how many");
        soldOut.Should().BeGreaterThan(fewer);
        stock.Version.Should().Be(soldOut, "a SKU reported empty was never in stock");
    }
}
