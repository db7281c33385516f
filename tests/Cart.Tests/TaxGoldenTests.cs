using Grpc.Core;
using SpaceOfSport.Cart.Tests.Infrastructure;
using SpaceOfSport.Contracts.Cart.V1;

namespace SpaceOfSport.Cart.Tests;

/// <summary>
/// Golden cases over gRPC, each worked out by hand from the rates in Tax/Rules (their sources are named there).
/// Inclusive (VAT): tax = round(amount × rate / (100 + rate)); exclusive (US): tax = round(amount × rate / 100);
/// half away from zero, per line.
/// </summary>
[Collection(CartCollection.Name)]
public sealed class TaxGoldenTests(CartHosts hosts)
{
    public static TheoryData<string, string, string, long, long, long, bool, string> Cases => new()
    {
        // country, region, category, unit price, amount, expected tax, prices include tax, rule
        { "DE", "", "footwear", 11900, 11900, 1900, true, "standard" },
        { "FR", "", "apparel", 12000, 12000, 2000, true, "standard" },
        { "NL", "", "equipment", 12100, 12100, 2100, true, "standard" },
        { "IT", "", "apparel", 12200, 12200, 2200, true, "standard" },
        { "ES", "", "footwear", 9999, 9999, 1735, true, "standard" },
        { "HU", "", "equipment", 12700, 12700, 2700, true, "standard" },
        { "FI", "", "apparel", 10000, 10000, 2032, true, "standard" },
        { "SE", "", "equipment", 12500, 12500, 2500, true, "standard" },
        { "LU", "", "childrens-footwear", 10300, 10300, 300, true, "reduced" },
        { "LU", "", "footwear", 11700, 11700, 1700, true, "standard" },
        { "IE", "", "childrens-apparel", 5000, 5000, 0, true, "zero" },
        { "IE", "", "apparel", 12300, 12300, 2300, true, "standard" },
        { "GB", "", "apparel", 12000, 12000, 2000, true, "standard" },
        { "GB", "", "childrens-footwear", 4000, 4000, 0, true, "zero" },
        { "US", "NY", "apparel", 9000, 9000, 0, false, "exempt: clothing under USD 110" },
        { "US", "NY", "apparel", 9500, 9500, 380, false, "standard" },
        { "US", "NY", "equipment", 5000, 5000, 200, false, "standard" },
        { "US", "CA", "footwear", 10000, 10000, 725, false, "standard" },
        { "US", "TX", "equipment", 9999, 9999, 625, false, "standard" },
        { "US", "OR", "apparel", 10000, 10000, 0, false, "zero" },
        { "US", "NJ", "footwear", 20000, 20000, 0, false, "exempt: clothing" },
        { "US", "MA", "apparel", 14000, 14000, 0, false, "exempt: clothing up to USD 175, the excess taxed" },
        // USD 175 = EUR 149.57: only the EUR 50.43 above it is taxed, at 6.25%.
        { "US", "MA", "apparel", 20000, 20000, 315, false, "exempt: clothing up to USD 175, the excess taxed (excess taxed)" },
        { "US", "PA", "equipment", 10000, 10000, 600, false, "standard" },
        { "CH", "", "equipment", 10000, 10000, 0, false, "none" },
        { "JP", "", "apparel", 10000, 10000, 0, false, "none" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Tax_for_a_destination_follows_the_documented_rates(string country, string region, string category, long unitPrice, long amount, long expectedTax, bool inclusive, string rule)
    {
        var request = new CalculateTaxRequest { Destination = new Destination { Country = country, Region = region }, Currency = "EUR" };
        request.Lines.Add(new TaxLine { Id = "line", TaxCategory = category, Quantity = 1, UnitPriceMinor = unitPrice, AmountMinor = amount });

        var answer = await hosts[CartHost.Sqlite].Tax.CalculateAsync(request);

        answer.Lines.Single().TaxMinor.Should().Be(expectedTax);
        answer.TotalTaxMinor.Should().Be(expectedTax);
        answer.Lines.Single().Rule.Should().Be(rule);
        answer.PricesIncludeTax.Should().Be(inclusive);
    }

    [Fact]
    public async Task The_new_york_clothing_threshold_is_per_item_in_dollars_and_tax_is_rounded_per_line()
    {
        // USD 110 at the reference rate of 1.17 USD per EUR is EUR 94.02: a EUR 94.01 shirt is exempt, a EUR 94.02 one is not.
        var request = new CalculateTaxRequest { Destination = new Destination { Country = "US", Region = "NY" }, Currency = "EUR" };
        request.Lines.Add(new TaxLine { Id = "under", TaxCategory = "apparel", Quantity = 3, UnitPriceMinor = 9401, AmountMinor = 28203 });
        request.Lines.Add(new TaxLine { Id = "at", TaxCategory = "apparel", Quantity = 1, UnitPriceMinor = 9402, AmountMinor = 9402 });
        request.Lines.Add(new TaxLine { Id = "ball", TaxCategory = "equipment", Quantity = 1, UnitPriceMinor = 1013, AmountMinor = 1013 });

        var answer = await hosts[CartHost.Sqlite].Tax.CalculateAsync(request);

        answer.Lines.Select(l => (l.Id, l.TaxMinor)).Should().Equal(("under", 0L), ("at", 376L), ("ball", 41L));
        answer.TotalTaxMinor.Should().Be(417);
        answer.Jurisdiction.Should().Be("US sales tax: NY");
    }

    [Theory]
    [InlineData("", "", "apparel", 1, "destination.country")]
    [InlineData("US", "XX", "apparel", 1, "destination.region")]
    [InlineData("DE", "", "food", 1, "lines[0].tax_category")]
    [InlineData("DE", "", "apparel", 0, "lines[0].quantity")]
    public async Task Bad_input_is_invalid_argument_naming_the_field(string country, string region, string category, int quantity, string field)
    {
        var request = new CalculateTaxRequest { Destination = new Destination { Country = country, Region = region }, Currency = "EUR" };
        request.Lines.Add(new TaxLine { Id = "x", TaxCategory = category, Quantity = quantity, UnitPriceMinor = 100, AmountMinor = 100 });

        var failure = await hosts[CartHost.Sqlite].Tax.Invoking(t => t.CalculateAsync(request).ResponseAsync).Should().ThrowAsync<RpcException>();

        failure.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        failure.Which.Status.Detail.Should().StartWith(field);
    }
}
