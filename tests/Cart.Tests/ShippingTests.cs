using System.Net;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Cart.Shipping;
using SpaceOfSport.Cart.Tests.Infrastructure;

namespace SpaceOfSport.Cart.Tests;

[Collection(CartCollection.Name)]
public sealed class ShippingTests(CartHosts hosts)
{
    private CartHost Host => hosts[CartHost.Sqlite];

    private async Task<ShippingQuotes> QuoteAsync(object body)
    {
        using var http = Host.Service.CreateHttpClient();
        return (await Shopper.Read<ShippingQuotes>(await http.PostAsJsonAsync("/api/shipping/quotes", body), HttpStatusCode.OK))!;
    }

    [Fact]
    public async Task Zones_decide_methods_and_prices()
    {
        var shirt = Host.Catalog.Shirt(priceMinor: 2000).Sku;
        var lines = new[] { new { sku = shirt, quantity = 1 } };

        var germany = await QuoteAsync(new { lines, destination = new { country = "DE", postalCode = "10115" } });
        var france = await QuoteAsync(new { lines, destination = new { country = "FR", postalCode = "75001" } });
        var us = await QuoteAsync(new { lines, destination = new { country = "US", region = "NY", postalCode = "10001" } });
        var japan = await QuoteAsync(new { lines, destination = new { country = "JP", postalCode = "100-0001" } });

        germany.Quotes.Select(q => (q.Method, q.PriceMinor)).Should().Equal(("standard", 495L), ("express", 995L), ("next-day", 1495L), ("click-and-collect", 0L));
        france.Quotes.Select(q => (q.Method, q.PriceMinor)).Should().Equal(("standard", 995L), ("express", 1995L), ("click-and-collect", 0L));
        us.Quotes.Select(q => (q.Method, q.PriceMinor)).Should().Equal(("standard", 2495L), ("express", 4995L));
        japan.Quotes.Select(q => (q.Method, q.PriceMinor)).Should().Equal(("standard", 2995L));
    }

    [Fact]
    public async Task A_bulky_light_item_is_charged_by_its_dimensional_weight()
    {
        // A yoga mat: 1.2 kg, but 62 × 15 × 15 cm = 13,950 cm³ / 5000 = 2.79 kg, so the 2-10 kg band.
        var mat = Host.Catalog.YogaMat(priceMinor: 2000).Sku;
        var heavyButSmall = Host.Catalog.Put(Host.Catalog.Shirt(priceMinor: 2000) with { WeightGrams = 1900, LengthMm = 100, WidthMm = 100, HeightMm = 100 });

        var bulky = await QuoteAsync(new { lines = new[] { new { sku = mat, quantity = 1 } }, destination = new { country = "DE" } });
        var dense = await QuoteAsync(new { lines = new[] { new { sku = heavyButSmall, quantity = 1 } }, destination = new { country = "DE" } });

        bulky.ChargeableWeightGrams.Should().Be(2790);
        bulky.Quotes.First(q => q.Method == "standard").PriceMinor.Should().Be(695);
        dense.ChargeableWeightGrams.Should().Be(1900);
        dense.Quotes.First(q => q.Method == "standard").PriceMinor.Should().Be(495);
    }

    [Fact]
    public async Task Shipping_is_free_over_the_zones_threshold_and_heavy_parcels_pay_per_extra_kilogram()
    {
        var tent = Host.Catalog.Tent(priceMinor: 19999).Sku;

        var quotes = await QuoteAsync(new { lines = new[] { new { sku = tent, quantity = 15 } }, destination = new { country = "DE" } });

        // 15 tents: 15 × max(2.5 kg, 50×18×18 cm / 5000 = 3.24 kg) = 48.6 kg: 31.5 kg band + 18 started kg.
        quotes.ChargeableWeightGrams.Should().Be(48600);
        quotes.Quotes.First(q => q.Method == "standard").Should().Match<ShippingQuote>(q => q.Free && q.PriceMinor == 0);
        quotes.Quotes.First(q => q.Method == "next-day").PriceMinor.Should().Be(2995 + 18 * 150);
    }

    [Fact]
    public async Task Click_and_collect_lists_the_nearest_stores_by_great_circle_distance()
    {
        var shirt = Host.Catalog.Shirt().Sku;

        // Bonn: Cologne ~25 km, Frankfurt ~130 km; Amsterdam and Hamburg are beyond the 150 km reach.
        var quotes = await QuoteAsync(new { lines = new[] { new { sku = shirt, quantity = 1 } }, destination = new { country = "DE", postalCode = "53111", latitude = 50.7374, longitude = 7.0982 } });

        var stores = quotes.Quotes.Single(q => q.Method == "click-and-collect").Stores!;
        stores.Select(s => s.Id).Should().Equal("cologne", "frankfurt");
        stores[0].DistanceKm.Should().BeApproximately(24.4, 1.5);
    }

    [Fact]
    public void Delivery_dates_count_business_days_from_the_cut_off()
    {
        var quoter = new ShippingQuoter();
        var items = new[] { new ParcelItem(1, 500, 100, 100, 100) };
        var destination = new ShippingDestination("DE", null, null, null, null);

        // Friday 2026-03-06 13:00 Berlin (12:00 UTC): before the 14:00 cut-off, dispatched Friday; standard 2-3 business days.
        var beforeCutOff = quoter.Quote(items, 0, destination, new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero)).Quotes.Single(q => q.Method == "standard");
        // 15:00 Berlin: after the cut-off, dispatched Monday.
        var afterCutOff = quoter.Quote(items, 0, destination, new DateTimeOffset(2026, 3, 6, 14, 0, 0, TimeSpan.Zero)).Quotes.Single(q => q.Method == "standard");

        (beforeCutOff.EarliestDelivery, beforeCutOff.LatestDelivery).Should().Be((new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11)));
        (afterCutOff.EarliestDelivery, afterCutOff.LatestDelivery).Should().Be((new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 12)));
        afterCutOff.OrderBy.Should().Be(new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task A_malformed_destination_is_400_naming_the_field()
    {
        using var http = Host.Service.CreateHttpClient();

        var badCountry = await Shopper.Problem(await http.PostAsJsonAsync("/api/shipping/quotes", new { lines = Array.Empty<object>(), destination = new { country = "Germany" } }), HttpStatusCode.BadRequest);
        using var shopper = Host.NewShopper();
        var badZip = await Shopper.Problem(await shopper.DestinationAsync("US", "NY", "ABCDE"), HttpStatusCode.BadRequest);
        var badState = await Shopper.Problem(await shopper.DestinationAsync("US", "ZZ", "10001"), HttpStatusCode.BadRequest);

        badCountry.GetProperty("errors").TryGetProperty("destination.country", out _).Should().BeTrue();
        badZip.GetProperty("errors").TryGetProperty("postalCode", out _).Should().BeTrue();
        badState.GetProperty("errors").TryGetProperty("region", out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_cart_shows_its_shipping_and_tax_inclusive_for_europe_and_added_for_the_us()
    {
        var shoe = Host.Catalog.Shoe(priceMinor: 11900).Sku;
        using var shopper = Host.NewShopper();
        await shopper.AddOkAsync(shoe, 1);

        (await shopper.DestinationAsync("DE", postalCode: "10115")).EnsureSuccessStatusCode();
        var germany = await Shopper.Read<CartResponse>(await shopper.ShippingAsync("express"), HttpStatusCode.OK);
        (await shopper.DestinationAsync("US", "CA", "94103")).EnsureSuccessStatusCode();
        var california = await Shopper.Read<CartResponse>(await shopper.ShippingAsync("standard"), HttpStatusCode.OK);
        var collectInUs = await Shopper.Problem(await shopper.ShippingAsync("click-and-collect", "berlin-mitte"), HttpStatusCode.UnprocessableEntity);

        // Germany: EUR 119 incl. 19% VAT is 19.00 VAT; express EUR 9.95 incl. VAT has 1.59 VAT; total 128.95.
        germany!.PricesIncludeTax.Should().BeTrue();
        germany.Totals.Should().Be(new CartTotals(11900, 0, 995, 1900 + 159, 12895, true, true));
        // California: 7.25% added on the goods only (shipping untaxed): 8.63; standard to the US 24.95.
        california!.PricesIncludeTax.Should().BeFalse();
        california.Totals.Should().Be(new CartTotals(11900, 0, 2495, 863, 11900 + 2495 + 863, false, true));
        collectInUs.GetProperty("reason").GetString().Should().Be("method-not-offered");
    }
}
