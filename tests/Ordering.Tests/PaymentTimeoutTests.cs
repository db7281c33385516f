using SpaceOfSport.Ordering.Tests.Infrastructure;

namespace SpaceOfSport.Ordering.Tests;

/// <summary>A checkout whose payment never comes: its own host, with the payment timeout configured to a few seconds.</summary>
public sealed class PaymentTimeoutTests : IAsyncLifetime
{
    private CheckoutHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await CheckoutHost.StartAsync(new Dictionary<string, string?> { ["Ordering:Checkout:PaymentTimeout"] = "00:00:03" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_order_not_paid_in_time_is_cancelled_its_stock_released_and_its_payment_cancelled()
    {
        var sku = await _host.StockedShoeAsync(stock: 3);
        using var customer = _host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku, 2);
        var order = await customer.PlaceOkAsync();
        var orderId = order.GetProperty("id").GetGuid();
        (await _host.AvailabilityAsync(sku)).Reserved.Should().Be(2);

        var cancelled = await customer.WaitForStatusAsync(orderId, "Cancelled");

        cancelled.GetProperty("cancellationReason").GetString().Should().Be("payment-timeout");
        (await _host.AvailabilityAsync(sku)).Reserved.Should().Be(0);
        (await _host.PaymentAsync(orderId)).GetProperty("status").GetString().Should().Be("canceled");
    }
}
