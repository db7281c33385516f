using System.Net;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Cart.Tests.Infrastructure;

namespace SpaceOfSport.Cart.Tests;

[Collection(CartCollection.Name)]
public sealed class ConcurrencyAndMergeTests(CartHosts hosts)
{
    [Theory]
    [InlineData(CartHost.Sqlite)]
    [InlineData(CartHost.Redis)]
    public async Task Two_devices_editing_one_cart_for_many_rounds_lose_no_update(string backend)
    {
        var host = hosts[backend];
        var user = Guid.CreateVersion7();
        const int rounds = 24; // 48 lines + 1 shared: within the 50 lines a cart may hold
        var skus = Enumerable.Range(0, 2 * rounds).Select(_ => host.Catalog.Shirt().Sku).ToList();
        var shared = host.Catalog.Shoe().Sku;
        using var phone = host.NewShopper(user);
        using var laptop = host.NewShopper(user);

        // Each device adds its own lines and one unit of a shared SKU per round, at the same time as the other.
        async Task Device(Shopper shopper, int offset)
        {
            for (var round = 0; round < rounds; round++)
            {
                (await shopper.AddAsync(skus[offset + round], 1)).EnsureSuccessStatusCode();
                if (round % 8 == 0) (await shopper.AddAsync(shared, 1)).EnsureSuccessStatusCode();
            }
        }
        await Task.WhenAll(Device(phone, 0), Device(laptop, rounds));

        var cart = await phone.CartAsync();
        cart.Lines.Where(l => l.Sku != shared).Select(l => l.Sku).Should().BeEquivalentTo(skus, "no device's line may be lost");
        cart.Lines.Single(l => l.Sku == shared).Quantity.Should().Be(6, "3 units from each device");
        cart.Version.Should().Be(2 * rounds + 6, "every successful change is one version");
    }

    [Fact]
    public async Task Concurrent_changes_with_the_same_version_let_exactly_one_win_and_the_other_gets_409()
    {
        var host = hosts[CartHost.Redis];
        var shoe = host.Catalog.Shoe().Sku;
        var user = Guid.CreateVersion7();
        using var a = host.NewShopper(user);
        using var b = host.NewShopper(user);
        var start = await a.AddOkAsync(shoe, 1);

        var answers = await Task.WhenAll(a.ChangeAsync(shoe, 2, start.Version), b.ChangeAsync(shoe, 3, start.Version));

        answers.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var loser = await Shopper.Read<CartResponse>(answers.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict);
        loser!.Version.Should().Be(start.Version + 1);
    }

    [Theory]
    [InlineData(CartHost.Sqlite)]
    [InlineData(CartHost.Redis)]
    public async Task Signing_in_merges_the_anonymous_cart_adding_quantities_within_the_limits_and_reports_it(string backend)
    {
        var host = hosts[backend];
        var shoe = host.Catalog.Shoe().Sku;
        var shirt = host.Catalog.Shirt().Sku;
        var user = Guid.CreateVersion7();
        using (var otherDevice = host.NewShopper(user))
        {
            await otherDevice.AddOkAsync(shoe, 7);
        }
        using var browser = host.NewShopper();
        await browser.AddOkAsync(shoe, 6);
        await browser.AddOkAsync(shirt, 2);
        browser.CartCookie.Should().NotBeNull();

        browser.SignIn(host.Identity.IssueToken(user.ToString()));
        var merged = await browser.CartAsync();

        merged.Anonymous.Should().BeFalse();
        merged.Lines.Should().HaveCount(2);
        merged.Lines.Single(l => l.Sku == shoe).Quantity.Should().Be(10, "7 + 6 capped at the 10 per line");
        merged.Lines.Single(l => l.Sku == shirt).Quantity.Should().Be(2);
        merged.Merge!.LinesMerged.Should().Be(2);
        merged.Merge.Lines.Single(l => l.Sku == shoe).Should().Be(new MergedLine(shoe, 13, 10, "quantity-per-line"));
        browser.CartCookie.Should().BeNull("the anonymous cart is gone");
        (await browser.CartAsync()).Merge.Should().BeNull("a merge happens once");
    }

    [Fact]
    public async Task A_flash_sale_sets_the_price_and_its_per_customer_limit_caps_the_line()
    {
        var host = hosts[CartHost.Sqlite];
        var shoe = host.Catalog.Shoe(priceMinor: 10000);
        host.Catalog.Put(shoe with
        {
            PriceMinor = 7000,
            FlashSale = new CatalogPrices.CatalogFlashSale(Guid.CreateVersion7(), "Spring sprint", 2, host.Clock.GetUtcNow().AddHours(2)),
        });
        using var shopper = host.NewShopper(Guid.CreateVersion7());

        var cart = await shopper.AddOkAsync(shoe.Sku, 2);
        var problem = await Shopper.Problem(await shopper.AddAsync(shoe.Sku, 1), HttpStatusCode.BadRequest);

        var line = cart.Lines.Single();
        line.UnitPriceMinor.Should().Be(7000);
        line.ListPriceMinor.Should().Be(10000);
        line.FlashSale!.PerCustomerLimit.Should().Be(2);
        problem.GetProperty("errors").GetProperty("quantity")[0].GetString().Should().Contain("Spring sprint");
    }
}
