using System.Net;
using SpaceOfSport.Cart.Apis;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Cart.Tests.Infrastructure;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Ordering;

namespace SpaceOfSport.Cart.Tests;

[Collection(CartCollection.Name)]
public sealed class PromotionTests(CartHosts hosts)
{
    private CartHost Host => hosts[CartHost.Redis];

    private static string NewCode() => StaffPromotions.NewCode();

    private Task<PromotionResponse> CreateAsync(object promotion) => StaffPromotions.CreateAsync(Host, promotion);

    private object Terms(string code, int? percentOff = null, long? amountOffMinor = null, long minimumSpendMinor = 0, int? totalUsageLimit = null,
        int? perCustomerUsageLimit = null, Guid[]? brandIds = null, Guid[]? categoryIds = null, TimeSpan? endsIn = null) =>
        StaffPromotions.Terms(Host, code, percentOff, amountOffMinor, minimumSpendMinor, totalUsageLimit, perCustomerUsageLimit, brandIds, categoryIds, endsIn);

    private async Task PayAsync(Guid userId, string code, Guid? eventId = null)
    {
        using var dapr = Host.Service.CreateDaprClient();
        await dapr.PublishEventAsync("pubsub", IntegrationEvent.Topic<OrderPaid>(), new OrderPaid
        {
            Id = eventId ?? Guid.CreateVersion7(),
            OrderId = Guid.CreateVersion7(),
            UserId = userId,
            PromotionCodes = [code],
            TotalMinor = 1000,
            Currency = "EUR",
        });
    }

    private async Task<int> TimesUsedAsync(string code) => (await StaffPromotions.GetAsync(Host, code)).TimesUsed;

    [Fact]
    public async Task Managing_promotions_needs_the_promotions_manage_permission()
    {
        using var customer = Host.AuthorizedHttp(Host.Identity.IssueToken(Guid.NewGuid().ToString()));
        using var anonymous = Host.Service.CreateHttpClient();

        (await customer.PostAsJsonAsync("/api/promotions", Terms(NewCode(), percentOff: 10))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync("/api/promotions")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var created = await CreateAsync(Terms(NewCode(), percentOff: 10));
        using var staff = Host.StaffHttp();
        (await staff.GetFromJsonAsync<PromotionResponse[]>("/api/promotions", Shopper.Json))!.Select(p => p.Code).Should().Contain(created.Code);
        await Shopper.Problem(await staff.PostAsJsonAsync("/api/promotions", Terms(created.Code, percentOff: 5)), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_percent_code_limited_to_a_brand_discounts_only_that_brands_lines_and_the_tax_follows()
    {
        var code = (await CreateAsync(Terms(NewCode(), percentOff: 20, brandIds: [FakeCatalog.OtherBrand]))).Code;
        var discounted = Host.Catalog.Shoe(priceMinor: 10000, brand: FakeCatalog.OtherBrand).Sku;
        var full = Host.Catalog.Shirt(priceMinor: 5000).Sku;
        using var shopper = Host.NewShopper();
        await shopper.AddOkAsync(discounted, 1);
        await shopper.AddOkAsync(full, 1);
        (await shopper.DestinationAsync("DE")).EnsureSuccessStatusCode();

        var cart = await Shopper.Read<CartResponse>(await shopper.PromotionAsync(code.ToLowerInvariant()), HttpStatusCode.OK);

        cart!.Promotion.Should().Be(new CartPromotionResponse(code, true, null, 2000));
        cart.Lines.Single(l => l.Sku == discounted).DiscountMinor.Should().Be(2000);
        cart.Lines.Single(l => l.Sku == full).DiscountMinor.Should().Be(0);
        // VAT on what is paid: 80.00 → 12.77, 50.00 → 7.98.
        cart.Totals.Should().Be(new CartTotals(15000, 2000, 0, 1277 + 798, 13000, true, true));
    }

    [Fact]
    public async Task Unknown_expired_and_unmet_codes_are_422_with_the_reason()
    {
        var expired = (await CreateAsync(Terms(NewCode(), amountOffMinor: 500, endsIn: TimeSpan.FromMinutes(1)))).Code;
        var minimum = (await CreateAsync(Terms(NewCode(), amountOffMinor: 500, minimumSpendMinor: 10000))).Code;
        var perCustomer = (await CreateAsync(Terms(NewCode(), amountOffMinor: 500, perCustomerUsageLimit: 1))).Code;
        using var shopper = Host.NewShopper();
        await shopper.AddOkAsync(Host.Catalog.Shirt(priceMinor: 3000).Sku, 1);
        Host.Clock.Advance(TimeSpan.FromMinutes(2));

        async Task<string?> Reason(string code) => (await Shopper.Problem(await shopper.PromotionAsync(code), HttpStatusCode.UnprocessableEntity)).GetProperty("reason").GetString();

        (await Reason("NO-SUCH-CODE")).Should().Be("unknown");
        (await Reason(expired)).Should().Be("expired");
        (await Reason(minimum)).Should().Be("minimum-spend-not-met");
        (await Reason(perCustomer)).Should().Be("sign-in-required");
        (await shopper.CartAsync()).Promotion.Should().BeNull();
    }

    [Fact]
    public async Task Usage_is_counted_once_per_paid_order_event_and_the_limits_then_refuse_the_code()
    {
        var code = (await CreateAsync(Terms(NewCode(), amountOffMinor: 500, totalUsageLimit: 2, perCustomerUsageLimit: 1))).Code;
        var first = Guid.CreateVersion7();
        var paid = Guid.CreateVersion7();

        await PayAsync(first, code, paid);
        await PayAsync(first, code, paid);
        await TestSupport.Eventually.UntilAsync(async () => await TimesUsedAsync(code) == 1, "the first redemption counted");
        await Task.Delay(500);
        (await TimesUsedAsync(code)).Should().Be(1, "a redelivered event is not counted again");

        using var again = Host.NewShopper(first);
        await again.AddOkAsync(Host.Catalog.Shirt().Sku, 1);
        (await Shopper.Problem(await again.PromotionAsync(code), HttpStatusCode.UnprocessableEntity)).GetProperty("reason").GetString().Should().Be("customer-limit-reached");

        await PayAsync(Guid.CreateVersion7(), code);
        await TestSupport.Eventually.UntilAsync(async () => await TimesUsedAsync(code) == 2, "the second redemption counted");
        using var third = Host.NewShopper(Guid.CreateVersion7());
        await third.AddOkAsync(Host.Catalog.Shirt().Sku, 1);
        (await Shopper.Problem(await third.PromotionAsync(code), HttpStatusCode.UnprocessableEntity)).GetProperty("reason").GetString().Should().Be("usage-limit-reached");
    }

    [Fact]
    public async Task A_code_that_stops_applying_stays_on_the_cart_with_the_reason_and_no_discount()
    {
        var code = (await CreateAsync(Terms(NewCode(), amountOffMinor: 1000, minimumSpendMinor: 5000))).Code;
        var shirt = Host.Catalog.Shirt(priceMinor: 3000).Sku;
        using var shopper = Host.NewShopper();
        await shopper.AddOkAsync(shirt, 2);
        (await shopper.PromotionAsync(code)).EnsureSuccessStatusCode();

        var cart = await Shopper.Read<CartResponse>(await shopper.ChangeAsync(shirt, 1), HttpStatusCode.OK);

        cart!.Promotion.Should().Be(new CartPromotionResponse(code, false, "minimum-spend-not-met", 0));
        cart.Totals.TotalMinor.Should().Be(3000);
    }
}
