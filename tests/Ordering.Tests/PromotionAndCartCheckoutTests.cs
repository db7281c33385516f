using System.Net;
using System.Text.Json;
using SpaceOfSport.Ordering.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using Stripe;

namespace SpaceOfSport.Ordering.Tests;

/// <summary>
/// The checkout and cart's side of it: the order's promotion code use is reserved at cart when the order is placed,
/// counted once when it is paid and given back when it is not; a paid order's units leave the shopper's cart.
/// </summary>
[Collection(CheckoutCollection.Name)]
public sealed class PromotionAndCartCheckoutTests(CheckoutFixture fixture)
{
    private CheckoutHost Host => fixture.Host;

    [Fact]
    public async Task A_paid_order_counts_its_promotion_use_once_and_its_lines_leave_the_cart()
    {
        var sku = await Host.StockedShoeAsync(stock: 5, priceMinor: 10_000);
        var code = await Host.PromotionCodeAsync(totalUsageLimit: 5);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku, quantity: 2);
        await customer.ApplyPromotionAsync(code);

        var order = await customer.PlaceOkAsync();

        var orderId = order.GetProperty("id").GetGuid();
        order.GetProperty("totals").GetProperty("discountMinor").GetInt64().Should().Be(2_000);
        (await Host.PromotionUsesAsync(code)).Should().Be((0, 1), "placing the order holds a use");
        await customer.PayAsync(order);
        await customer.WaitForStatusAsync(orderId, "Paid");
        await Host.Events.WaitForAsync("spaceofsport.ordering.order-paid.v1", e => e.GetProperty("orderId").GetGuid() == orderId);
        var cart = await Eventually.ReturnsAsync(customer.CartAsync, c => c.GetProperty("lines").GetArrayLength() == 0, because: "the paid order's lines leave the cart");
        cart.GetProperty("promotion").ValueKind.Should().Be(JsonValueKind.Null, "the order used the code");
        (await Eventually.ReturnsAsync(() => Host.PromotionUsesAsync(code), uses => uses.TimesReserved == 0))
            .Should().Be((1, 0), "the workflow's confirmation and the order-paid event count one use");
    }

    [Fact]
    public async Task A_declined_payment_gives_the_promotion_use_back_and_leaves_the_cart_as_it_was()
    {
        var sku = await Host.StockedShoeAsync(stock: 3);
        var code = await Host.PromotionCodeAsync(totalUsageLimit: 1);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku);
        await customer.ApplyPromotionAsync(code);
        var order = await customer.PlaceOkAsync();
        var orderId = order.GetProperty("id").GetGuid();
        (await Host.PromotionUsesAsync(code)).Should().Be((0, 1));

        await FluentActions.Awaiting(() => customer.PayAsync(order, "pm_card_chargeDeclinedInsufficientFunds")).Should().ThrowAsync<StripeException>();

        (await customer.WaitForStatusAsync(orderId, "Cancelled")).GetProperty("cancellationReason").GetString().Should().Be("payment-failed");
        (await Eventually.ReturnsAsync(() => Host.PromotionUsesAsync(code), uses => uses.TimesReserved == 0)).Should().Be((0, 0));
        var cart = await customer.CartAsync();
        cart.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("sku").GetString(), l.GetProperty("quantity").GetInt32())).Should().Equal((sku, 1));
        cart.GetProperty("promotion").GetProperty("applied").GetBoolean().Should().BeTrue("the use came back, so the code applies again");
    }

    [Fact]
    public async Task Orders_racing_for_a_codes_last_use_get_it_once_and_a_loser_is_told_422_naming_the_reason()
    {
        var sku = await Host.StockedShoeAsync(stock: 10);
        var code = await Host.PromotionCodeAsync(totalUsageLimit: 1);
        var customers = Enumerable.Range(0, 4).Select(_ => Host.NewCustomer(Guid.CreateVersion7())).ToList();
        try
        {
            foreach (var customer in customers)
            {
                await customer.FillCartAsync(sku);
                await customer.ApplyPromotionAsync(code);
            }

            var answers = await Task.WhenAll(customers.Select(async customer =>
            {
                using var response = await customer.PlaceAsync(Guid.NewGuid().ToString());
                return (response.StatusCode, Body: JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
            }));

            answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Created || a.StatusCode == HttpStatusCode.UnprocessableEntity);
            answers.Where(a => a.StatusCode == HttpStatusCode.Created).Count(a => a.Body.GetProperty("totals").GetProperty("discountMinor").GetInt64() > 0)
                .Should().Be(1, "one order holds the code's only use; carts priced after it was taken order without the discount");
            answers.Where(a => a.StatusCode == HttpStatusCode.UnprocessableEntity).Select(a => a.Body.GetProperty("reason").GetString())
                .Should().OnlyContain(reason => reason == "promotion-usage-limit-reached");
            (await Host.PromotionUsesAsync(code)).Should().Be((0, 1));
        }
        finally
        {
            customers.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_guests_cart_changed_after_placing_keeps_what_the_paid_order_did_not_buy()
    {
        var (ordered, addedLater) = (await Host.StockedShoeAsync(stock: 5), await Host.StockedShoeAsync(stock: 5));
        using var guest = Host.NewCustomer();
        await guest.FillCartAsync(ordered, quantity: 2);
        var order = await guest.PlaceOkAsync(guestEmail: $"guest-{Guid.NewGuid():N}@example.com");
        var orderId = order.GetProperty("id").GetGuid();

        await guest.AddToCartAsync(addedLater, 1);
        await guest.SetQuantityAsync(ordered, 3);
        await guest.PayAsync(order);
        await Host.Events.WaitForAsync("spaceofsport.ordering.order-paid.v1", e => e.GetProperty("orderId").GetGuid() == orderId);

        var cart = await Eventually.ReturnsAsync(guest.CartAsync, c => c.GetProperty("lines").EnumerateArray().Any(l => l.GetProperty("sku").GetString() == ordered && l.GetProperty("quantity").GetInt32() == 1),
            because: "the order's two units leave the three now in the cart");
        cart.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("sku").GetString(), l.GetProperty("quantity").GetInt32()))
            .Should().BeEquivalentTo([(ordered, 1), (addedLater, 1)]);
    }
}
