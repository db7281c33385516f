using System.Net;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Cart.Tests.Infrastructure;

namespace SpaceOfSport.Cart.Tests;

[Collection(CartCollection.Name)]
public sealed class CartLineTests(CartHosts hosts)
{
    [Theory]
    [InlineData(CartHost.Sqlite)]
    [InlineData(CartHost.Redis)]
    public async Task An_anonymous_shopper_gets_a_cart_in_an_httpOnly_cookie_priced_by_the_catalog(string backend)
    {
        var host = hosts[backend];
        var shoe = host.Catalog.Shoe(priceMinor: 8999);
        host.Inventory.Set(shoe.Sku, 12);
        using var shopper = host.NewShopper();

        var cart = await shopper.AddOkAsync(shoe.Sku, 2);

        shopper.CartCookieDetails!.HttpOnly.Should().BeTrue();
        cart.Anonymous.Should().BeTrue();
        cart.Version.Should().Be(1);
        cart.Lines.Should().ContainSingle().Which.Should().Match<CartLineResponse>(l =>
            l.Sku == shoe.Sku && l.Quantity == 2 && l.UnitPriceMinor == 8999 && l.LineTotalMinor == 17998 && l.Stock == StockStatus.InStock && l.Available == 12);
        cart.Totals.SubtotalMinor.Should().Be(17998);
        cart.Totals.TotalMinor.Should().Be(17998);
        (await shopper.CartAsync()).Should().BeEquivalentTo(cart);
    }

    [Fact]
    public async Task Adding_a_sku_again_adds_to_its_line_and_changing_sets_the_quantity()
    {
        var host = hosts[CartHost.Sqlite];
        var shirt = host.Catalog.Shirt();
        using var shopper = host.NewShopper(Guid.CreateVersion7());

        await shopper.AddOkAsync(shirt.Sku, 1);
        var added = await shopper.AddOkAsync(shirt.Sku, 2);
        var changed = await Shopper.Read<CartResponse>(await shopper.ChangeAsync(shirt.Sku, 5), HttpStatusCode.OK);
        var removed = await Shopper.Read<CartResponse>(await shopper.RemoveAsync(shirt.Sku), HttpStatusCode.OK);

        added!.Lines.Single().Quantity.Should().Be(3);
        changed!.Lines.Single().Quantity.Should().Be(5);
        removed!.Lines.Should().BeEmpty();
        removed.Version.Should().Be(4);
    }

    [Fact]
    public async Task An_unknown_or_unsold_sku_is_404()
    {
        var host = hosts[CartHost.Sqlite];
        var archived = host.Catalog.Shoe() with { Status = "Archived" };
        host.Catalog.Put(archived);
        using var shopper = host.NewShopper();

        (await Shopper.Problem(await shopper.AddAsync("NO-SUCH-SKU", 1), HttpStatusCode.NotFound)).GetProperty("detail").GetString().Should().Contain("NO-SUCH-SKU");
        await Shopper.Problem(await shopper.AddAsync(archived.Sku, 1), HttpStatusCode.NotFound);
        await Shopper.Problem(await shopper.ChangeAsync("NOT-IN-CART", 1), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(11)]
    public async Task A_quantity_of_zero_or_less_or_over_the_line_limit_is_400_naming_quantity(int quantity)
    {
        var host = hosts[CartHost.Sqlite];
        var shoe = host.Catalog.Shoe();
        using var shopper = host.NewShopper();

        var problem = await Shopper.Problem(await shopper.AddAsync(shoe.Sku, quantity), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty("quantity", out _).Should().BeTrue();
        (await shopper.CartAsync()).Lines.Should().BeEmpty();
    }

    [Fact]
    public async Task A_cart_holds_at_most_the_configured_number_of_lines()
    {
        var host = hosts[CartHost.Sqlite];
        using var shopper = host.NewShopper();
        for (var i = 0; i < 50; i++) (await shopper.AddAsync(host.Catalog.Shirt().Sku, 1)).EnsureSuccessStatusCode();

        var problem = await Shopper.Problem(await shopper.AddAsync(host.Catalog.Shirt().Sku, 1), HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("reason").GetString().Should().Be("lines-per-cart");
        (await shopper.CartAsync()).Lines.Should().HaveCount(50);
    }

    [Fact]
    public async Task A_stale_version_is_409_with_the_current_cart_and_changes_nothing()
    {
        var host = hosts[CartHost.Sqlite];
        var shoe = host.Catalog.Shoe();
        var shirt = host.Catalog.Shirt();
        using var shopper = host.NewShopper(Guid.CreateVersion7());
        var first = await shopper.AddOkAsync(shoe.Sku, 1);
        await shopper.AddOkAsync(shirt.Sku, 1);

        var conflict = await Shopper.Read<CartResponse>(await shopper.ChangeAsync(shoe.Sku, 4, version: first.Version), HttpStatusCode.Conflict);

        conflict!.Version.Should().Be(2);
        conflict.Lines.Select(l => l.Sku).Should().BeEquivalentTo([shoe.Sku, shirt.Sku]);
        (await shopper.CartAsync()).Lines.Single(l => l.Sku == shoe.Sku).Quantity.Should().Be(1);
        (await Shopper.Read<CartResponse>(await shopper.ChangeAsync(shoe.Sku, 4, version: 2), HttpStatusCode.OK))!.Version.Should().Be(3);
    }

    [Fact]
    public async Task Prices_tax_and_totals_a_client_sends_are_ignored()
    {
        var host = hosts[CartHost.Sqlite];
        var shoe = host.Catalog.Shoe(priceMinor: 12000);
        using var shopper = host.NewShopper();

        var response = await shopper.Http.PostAsJsonAsync("/api/cart/lines", new
        {
            sku = shoe.Sku,
            quantity = 1,
            priceMinor = 1,
            unitPriceMinor = 1,
            taxMinor = 0,
            totalMinor = 1,
            totals = new { totalMinor = 1, subtotalMinor = 1 },
        });
        var cart = await Shopper.Read<CartResponse>(response, HttpStatusCode.OK);

        cart!.Lines.Single().UnitPriceMinor.Should().Be(12000);
        cart.Totals.SubtotalMinor.Should().Be(12000);
        cart.Totals.TotalMinor.Should().Be(12000);
    }

    [Fact]
    public async Task Another_users_cart_is_404_by_its_id_and_invisible_to_anonymous_callers()
    {
        var host = hosts[CartHost.Sqlite];
        using var owner = host.NewShopper(Guid.CreateVersion7());
        var cart = await owner.AddOkAsync(host.Catalog.Shoe().Sku, 1);
        using var other = host.NewShopper(Guid.CreateVersion7());
        using var anonymous = host.NewShopper();

        (await Shopper.Read<CartResponse>(await owner.GetAsync($"/api/cart/{cart.Id}"), HttpStatusCode.OK))!.Lines.Should().HaveCount(1);
        await Shopper.Problem(await other.GetAsync($"/api/cart/{cart.Id}"), HttpStatusCode.NotFound);
        await Shopper.Problem(await anonymous.GetAsync($"/api/cart/{cart.Id}"), HttpStatusCode.NotFound);
        (await other.CartAsync()).Lines.Should().BeEmpty();
    }

    [Fact]
    public async Task A_forged_or_expired_token_is_401_not_an_anonymous_cart()
    {
        var host = hosts[CartHost.Sqlite];
        using var client = host.AuthorizedHttp(host.Identity.IssueToken(Guid.NewGuid().ToString(), lifetime: TimeSpan.FromMinutes(-5)));

        (await client.GetAsync("/api/cart")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Lines_are_flagged_when_price_or_stock_changed_since_they_were_set()
    {
        var host = hosts[CartHost.Sqlite];
        var shoe = host.Catalog.Shoe(priceMinor: 10000);
        host.Inventory.Set(shoe.Sku, 5);
        using var shopper = host.NewShopper();
        var before = await shopper.AddOkAsync(shoe.Sku, 2);
        before.Lines.Single().PriceChanged.Should().BeFalse();

        host.Catalog.Put(shoe with { PriceMinor = 11000, ListPriceMinor = 11000 });
        host.Inventory.Set(shoe.Sku, 1);
        // The catalog's price-changed event drops the cached price; availability is cached for two seconds.
        await PublishPriceChangedAsync(host, shoe.Sku);
        host.Clock.Advance(TimeSpan.FromSeconds(3));

        var after = await TestSupport.Eventually.ReturnsAsync(shopper.CartAsync, c => c.Lines.Single().PriceChanged && c.Lines.Single().StockChanged);
        var line = after.Lines.Single();
        line.UnitPriceMinor.Should().Be(11000);
        line.PriceWhenSetMinor.Should().Be(10000);
        line.Stock.Should().Be(StockStatus.Short);
    }

    [Fact]
    public async Task Catalog_answers_are_cached_until_a_product_changed_event()
    {
        var host = hosts[CartHost.Sqlite];
        var shirt = host.Catalog.Shirt(priceMinor: 2000);
        using var shopper = host.NewShopper();
        await shopper.AddOkAsync(shirt.Sku, 1);
        var lookups = host.Catalog.Lookups;

        await shopper.CartAsync();
        await shopper.CartAsync();
        host.Catalog.Lookups.Should().Be(lookups);

        host.Catalog.Put(shirt with { PriceMinor = 1500 });
        using var dapr = host.Service.CreateDaprClient();
        await dapr.PublishEventAsync("pubsub", "catalog-product-changed-v1", new { productId = shirt.ProductId, slug = "s", name = "n", status = "Active", skus = new[] { shirt.Sku } });

        await TestSupport.Eventually.ReturnsAsync(shopper.CartAsync, c => c.Lines.Single().UnitPriceMinor == 1500);
    }

    internal static async Task PublishPriceChangedAsync(CartHost host, string sku)
    {
        using var dapr = host.Service.CreateDaprClient();
        await dapr.PublishEventAsync("pubsub", "catalog-price-changed-v1", new
        {
            productId = Guid.NewGuid(),
            variantId = Guid.NewGuid(),
            sku,
            oldPriceMinor = 1,
            newPriceMinor = 2,
            currency = "EUR",
        });
    }
}
