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

    [Fact]
    public async Task A_buyer_for_a_sold_out_sku_is_refused_at_placement_and_no_checkout_workflow_is_started()
    {
        var sku = await Host.StockedShoeAsync(stock: 1);
        using var first = Host.NewCustomer(Guid.CreateVersion7());
        using var late = Host.NewCustomer(Guid.CreateVersion7());
        await first.FillCartAsync(sku);
        await late.FillCartAsync(sku);
        await first.PlaceOkAsync();

        using var refused = await late.PlaceAsync(Guid.NewGuid().ToString());

        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        refused.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict, problem.ToString());
        problem.GetProperty("skus").EnumerateArray().Single().GetString().Should().Be(sku);
        var orderId = problem.GetProperty("orderId").GetGuid();
        var order = await late.OrderAsync(orderId);
        order.GetProperty("status").GetString().Should().Be("Cancelled", "the refused order is kept, cancelled out of stock");
        using var sidecar = new HttpClient { BaseAddress = Host.Ordering!.Sidecar.HttpEndpoint };
        using var workflow = await sidecar.GetAsync($"/v1.0-beta1/workflows/dapr/{orderId}");
        (await workflow.Content.ReadAsStringAsync()).Should().Contain("not found", "the stock decided at placement: no checkout ran for the order");
        (await Host.AvailabilityAsync(sku)).Reserved.Should().Be(1, "the first buyer's unit stays held");
    }
}
