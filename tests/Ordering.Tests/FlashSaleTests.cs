using SpaceOfSport.Ordering.Tests.Infrastructure;

namespace SpaceOfSport.Ordering.Tests;

/// <summary>Many buyers at once for a few units: exactly as many orders as units are paid, nobody else is charged, nothing is oversold.</summary>
[Collection(CheckoutCollection.Name)]
public sealed class FlashSaleTests(CheckoutFixture fixture)
{
    private CheckoutHost Host => fixture.Host;

    [Fact]
    public async Task Forty_buyers_for_five_units_get_five_paid_orders_and_thirty_five_answers_naming_the_sku()
    {
        var sku = await Host.StockedShoeAsync(stock: 5);

        using var sale = await FlashSale.RunAsync(Host, sku, buyers: 40);

        sale.Answers.Should().OnlyContain(a => a.Status == System.Net.HttpStatusCode.Created || a.Status == System.Net.HttpStatusCode.OK || a.Status == System.Net.HttpStatusCode.Conflict,
            "every buyer gets a final answer: an order to pay, or out of stock");
        sale.Placed.Should().HaveCount(5);
        sale.OutOfStock.Should().HaveCount(35).And.OnlyContain(a => a.Body.GetProperty("skus").EnumerateArray().Single().GetString() == sku);
        (await Host.AvailabilityAsync(sku)).Reserved.Should().Be(5);

        await Task.WhenAll(sale.Placed.Select(async buyer =>
        {
            await buyer.Customer.PayAsync(buyer.Body);
            await buyer.Customer.WaitForStatusAsync(buyer.Body.GetProperty("id").GetGuid(), "Paid", TimeSpan.FromSeconds(60));
        }));

        var stock = await Host.AvailabilityAsync(sku);
        (stock.OnHand, stock.Reserved, stock.Available).Should().Be((0, 0, 0), "five units sold, none oversold");
        foreach (var refused in sale.OutOfStock)
            (await Host.PaymentsHttp.GetAsync($"/api/payments/{refused.Body.GetProperty("orderId").GetGuid()}")).StatusCode
                .Should().Be(System.Net.HttpStatusCode.NotFound, "a buyer told out of stock is never charged");
    }
}
