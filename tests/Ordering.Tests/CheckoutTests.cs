using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Ordering.Tests.Infrastructure;

namespace SpaceOfSport.Ordering.Tests;

/// <summary>The checkout end to end: the customer's cart becomes an order, the workflow reserves and charges, the sandbox pays.</summary>
public sealed class CheckoutTests(CheckoutFixture fixture) : IClassFixture<CheckoutFixture>
{
    private CheckoutHost Host => fixture.Host;

    [Fact]
    public async Task A_paid_order_commits_its_stock_empties_nothing_twice_and_is_announced()
    {
        var sku = await Host.StockedShoeAsync(stock: 5, priceMinor: 10_000);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku, quantity: 2);

        var order = await customer.PlaceOkAsync();

        var orderId = order.GetProperty("id").GetGuid();
        order.GetProperty("number").GetString().Should().MatchRegex(@"^SOS-\d{4}-\d{6}$");
        order.GetProperty("status").GetString().Should().Be("AwaitingPayment");
        order.GetProperty("totals").GetProperty("subtotalMinor").GetInt64().Should().Be(20_000);
        order.GetProperty("payment").GetProperty("clientSecret").GetString().Should().NotBeNullOrEmpty();
        order.GetProperty("payment").GetProperty("paymentPageUrl").GetString().Should().StartWith(Host.Sandbox.Address + "sandbox/checkout/");
        (await Host.AvailabilityAsync(sku)).Reserved.Should().Be(2);

        await customer.PayAsync(order);

        var paid = await customer.WaitForStatusAsync(orderId, "Paid");
        paid.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("status").GetString())
            .Should().Equal("Pending", "AwaitingPayment", "Paid");
        var stock = await Host.AvailabilityAsync(sku);
        stock.OnHand.Should().Be(3);
        stock.Reserved.Should().Be(0);
        (await Host.PaymentAsync(orderId)).GetProperty("amountReceived").GetInt64().Should().Be(paid.GetProperty("totals").GetProperty("totalMinor").GetInt64());
        await Host.Events.WaitForAsync("spaceofsport.ordering.order-paid.v1", e => e.GetProperty("orderId").GetGuid() == orderId);
        var statuses = await TestSupport.Eventually.ReturnsAsync(() => Task.FromResult(Host.EventsOf<OrderStatusChanged>(orderId).ToList()), e => e.Count >= 3);
        statuses.Select(e => e.Data.GetProperty("status").GetString()).Should().Equal("pending", "awaiting-payment", "paid");
        statuses.Select(e => e.Data.GetProperty("sequence").GetInt64()).Should().BeInAscendingOrder();
    }
}
