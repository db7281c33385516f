using SpaceOfSport.Inventory.Stock;

namespace SpaceOfSport.Inventory.Tests;

/// <summary>The demo profile's opening stock: the same for a SKU everywhere, 0..40, about one SKU in twelve sold out.</summary>
public sealed class OpeningStockTests
{
    [Theory]
    [InlineData("", 0xcbf29ce484222325)]
    [InlineData("a", 0xaf63dc4c8601ec8c)]
    [InlineData("foobar", 0x85944171f73967e8)]
    public void Sku_hash_is_64_bit_fnv_1a(string text, ulong expected) => SkuHash.Of(text).Should().Be(expected);

    [Fact]
    public void Opening_stock_depends_on_the_sku_alone()
    {
        // Pinned: a change here changes every demo shop's stock.
        OpeningStock.UnitsFor("SOS-000042-EU42-BLK").Should().Be(32);
        OpeningStock.UnitsFor("SOS-000042-EU42-BLK").Should().Be(OpeningStock.UnitsFor(new string("SOS-000042-EU42-BLK".ToCharArray())));
    }

    [Fact]
    public void Seed_skus_get_0_to_40_units_with_about_one_in_twelve_sold_out()
    {
        string[] sizes = ["EU38", "EU39", "EU40", "EU41", "EU42", "EU43", "EU44", "XS", "S", "M", "L", "XL", "OS"];
        string[] colours = ["BLK", "WHT", "RED", "BLU", "NVY", "GRN", "GRY", "ORG", "YEL", "PNK"];
        var units = (from product in Enumerable.Range(1, 1200)
                     from size in sizes.Skip(product % 7).Take(4)
                     from colour in colours.Skip(product % 5).Take(2)
                     select OpeningStock.UnitsFor($"SOS-{product:D6}-{size}-{colour}")).ToList();

        units.Should().OnlyContain(u => u >= 0 && u <= OpeningStock.MaxUnits);
        units.Distinct().Should().HaveCount(OpeningStock.MaxUnits + 1, "every quantity from 0 to 40 occurs");
        var soldOut = units.Count(u => u == 0) / (double)units.Count;
        soldOut.Should().BeInRange(1.0 / 16, 1.0 / 9, "about one SKU in twelve starts sold out");
    }
}
