extern alias ordering;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Ordering.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using CheckoutHold = ordering::SpaceOfSport.Ordering.Checkout.CheckoutHold;
using PaymentIntent = Stripe.PaymentIntent;
using PaymentIntentListOptions = Stripe.PaymentIntentListOptions;

namespace SpaceOfSport.Ordering.Tests.Crash;

/// <summary>
/// Ordering killed with SIGKILL at each step of a checkout (a real process; its sidecar, the workflow state, inventory,
/// payments and the Stripe sandbox keep running), then started again: the order still ends paid with its stock committed,
/// charged once (one PaymentIntent in the sandbox, nothing refunded), its units reserved once and none left reserved.
/// The test-only switch <c>Ordering:Testing:HoldCheckoutAt</c> stops the first process at the exact step.
/// </summary>
public sealed class CheckoutCrashTests(CheckoutCrashTests.CrashFixture fixture) : IClassFixture<CheckoutCrashTests.CrashFixture>
{
    private const int Stock = 5;
    private const int Quantity = 2;

    private CheckoutHost Host => fixture.Host;

    [Fact]
    public async Task Killed_after_saving_the_order_but_before_starting_its_checkout_the_checkout_starts_when_ordering_comes_back()
    {
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        var sku = await FillCartAsync(customer);
        await using var ordering = await OrderingProcess.StartAsync(Host, holdAt: CheckoutHold.OrderSaved);
        var placing = customer.PlaceAsync(Guid.NewGuid().ToString());
        var orderId = await ordering.HeldAtAsync(CheckoutHold.OrderSaved);
        (await Host.AvailabilityAsync(sku)).Reserved.Should().Be(0, "the checkout has not started");

        await ordering.KillAsync();
        await ForgetAsync(placing);
        await ordering.RestartAsync();

        // Nobody retries the POST: ordering's start-up sweep starts the checkout of the order it saved.
        var order = await customer.WaitForStatusAsync(orderId, "AwaitingPayment", TimeSpan.FromSeconds(90));
        await customer.PayAsync(order);
        await ExpectPaidOnceWithStockCommittedAsync(customer, orderId, sku);
    }

    [Fact]
    public async Task A_guest_order_whose_checkout_the_start_up_sweep_started_still_takes_its_lines_off_the_guests_cart_once_paid()
    {
        using var guest = Host.NewCustomer();
        var sku = await FillCartAsync(guest);
        await using var ordering = await OrderingProcess.StartAsync(Host, holdAt: CheckoutHold.OrderSaved);
        var placing = guest.PlaceAsync(Guid.NewGuid().ToString(), new { email = $"guest-{Guid.NewGuid():N}@example.com" });
        var orderId = await ordering.HeldAtAsync(CheckoutHold.OrderSaved);

        await ordering.KillAsync();
        await ForgetAsync(placing);
        await ordering.RestartAsync();

        // The sweep has no request, so no cookie: the cart placement recorded for the order is the one emptied. A guest
        // cannot read orders; staff follow it.
        using var staff = new Customer(Host, new HttpClient
        {
            DefaultRequestVersion = System.Net.HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Host.StaffToken) },
        }, userId: null);
        var order = await staff.WaitForStatusAsync(orderId, "AwaitingPayment", TimeSpan.FromSeconds(90));
        await guest.PayAsync(order);
        await ExpectPaidOnceWithStockCommittedAsync(staff, orderId, sku);
        await Eventually.ReturnsAsync(guest.CartAsync, cart => cart.GetProperty("lines").GetArrayLength() == 0, TimeSpan.FromSeconds(60),
            because: "the paid order's lines leave the guest's cart");
    }

    [Fact]
    public async Task Killed_after_reserving_the_stock_the_checkout_resumes_with_one_reservation_and_one_charge()
    {
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        var sku = await FillCartAsync(customer);
        await using var ordering = await OrderingProcess.StartAsync(Host, holdAt: CheckoutHold.StockReserved);
        var placing = customer.PlaceAsync(Guid.NewGuid().ToString());
        var orderId = await ordering.HeldAtAsync(CheckoutHold.StockReserved);
        (await Host.AvailabilityAsync(sku)).Reserved.Should().Be(Quantity);

        await ordering.KillAsync();
        await ForgetAsync(placing);
        await ordering.RestartAsync();

        var order = await customer.WaitForStatusAsync(orderId, "AwaitingPayment", TimeSpan.FromSeconds(90));
        (await Host.AvailabilityAsync(sku)).Reserved.Should().Be(Quantity, "the reservation taken again is the same one");
        await customer.PayAsync(order);
        await ExpectPaidOnceWithStockCommittedAsync(customer, orderId, sku);
    }

    [Fact]
    public async Task Killed_after_creating_the_payment_the_checkout_resumes_with_the_same_payment_intent()
    {
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        var sku = await FillCartAsync(customer);
        await using var ordering = await OrderingProcess.StartAsync(Host, holdAt: CheckoutHold.PaymentCreated);
        var placing = customer.PlaceAsync(Guid.NewGuid().ToString());
        var orderId = await ordering.HeldAtAsync(CheckoutHold.PaymentCreated);
        var created = await PaymentIntentsOfAsync(orderId);
        created.Should().ContainSingle();

        await ordering.KillAsync();
        await ForgetAsync(placing);
        await ordering.RestartAsync();

        var order = await customer.WaitForStatusAsync(orderId, "AwaitingPayment", TimeSpan.FromSeconds(90));
        order.GetProperty("payment").GetProperty("paymentIntentId").GetString().Should().Be(created[0].Id);
        await customer.PayAsync(order);
        await ExpectPaidOnceWithStockCommittedAsync(customer, orderId, sku);
    }

    [Fact]
    public async Task Killed_while_waiting_for_the_payment_the_payment_made_meanwhile_pays_the_order_when_ordering_comes_back()
    {
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        var sku = await FillCartAsync(customer);
        await using var ordering = await OrderingProcess.StartAsync(Host);
        var order = await customer.PlaceOkAsync();
        var orderId = order.GetProperty("id").GetGuid();

        await ordering.KillAsync();
        // The customer pays while ordering is down: payments records it and publishes; the event waits for ordering.
        await customer.PayAsync(order);
        await Eventually.ReturnsAsync(() => Host.PaymentAsync(orderId), p => p.GetProperty("status").GetString() == "succeeded", TimeSpan.FromSeconds(60));
        // The first process ran a checkout: its workflow and activities were registered once, by the SDK's source generator.
        ordering.Output.Should().NotContain("already registered");
        await ordering.RestartAsync();

        await ExpectPaidOnceWithStockCommittedAsync(customer, orderId, sku);
    }

    [Fact]
    public async Task Killed_after_the_payment_succeeded_but_before_the_stock_commit_the_stock_is_committed_once_and_nothing_refunded()
    {
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        var sku = await FillCartAsync(customer);
        await using var ordering = await OrderingProcess.StartAsync(Host, holdAt: CheckoutHold.PaymentSucceeded);
        var order = await customer.PlaceOkAsync();
        var orderId = order.GetProperty("id").GetGuid();
        await customer.PayAsync(order);
        (await ordering.HeldAtAsync(CheckoutHold.PaymentSucceeded)).Should().Be(orderId);

        await ordering.KillAsync();
        await ordering.RestartAsync();

        await ExpectPaidOnceWithStockCommittedAsync(customer, orderId, sku);
    }

    /// <summary>A new shoe with <see cref="Stock"/> units, <see cref="Quantity"/> of them in the customer's cart.</summary>
    private async Task<string> FillCartAsync(Customer customer)
    {
        var sku = await Host.StockedShoeAsync(stock: Stock);
        await customer.FillCartAsync(sku, Quantity);
        return sku;
    }

    /// <summary>
    /// Paid, its stock committed once and nothing left reserved, one PaymentIntent for it in the sandbox that took the
    /// whole total, nothing refunded, and <see cref="OrderPaid"/> announced once.
    /// </summary>
    private async Task ExpectPaidOnceWithStockCommittedAsync(Customer customer, Guid orderId, string sku)
    {
        var paid = await customer.WaitForStatusAsync(orderId, "Paid", TimeSpan.FromSeconds(90));
        var stock = await Host.AvailabilityAsync(sku);
        (stock.OnHand, stock.Reserved).Should().Be((Stock - Quantity, 0));
        var intents = await PaymentIntentsOfAsync(orderId);
        intents.Should().ContainSingle().Which.Status.Should().Be("succeeded");
        var payment = await Host.PaymentAsync(orderId);
        payment.GetProperty("amountReceived").GetInt64().Should().Be(paid.GetProperty("totals").GetProperty("totalMinor").GetInt64());
        payment.GetProperty("amountRefunded").GetInt64().Should().Be(0);
        await Eventually.UntilAsync(() => Host.EventsOf<OrderPaid>(orderId).Any(), "OrderPaid", TimeSpan.FromSeconds(60));
        Host.EventsOf<OrderPaid>(orderId).Should().ContainSingle();
    }

    /// <summary>The PaymentIntents the sandbox (Stripe) holds for the order: a second charge would be a second one.</summary>
    private async Task<List<PaymentIntent>> PaymentIntentsOfAsync(Guid orderId)
    {
        var intents = await Host.Stripe.V1.PaymentIntents.ListAsync(new PaymentIntentListOptions { Limit = 100 });
        return [.. intents.Data.Where(i => i.Metadata.TryGetValue("order_id", out var id) && id == orderId.ToString())];
    }

    /// <summary>The customer's POST died with the process (or was answered before): the order is the one the hold named.</summary>
    private static async Task ForgetAsync(Task<HttpResponseMessage> placing)
    {
        try
        {
            (await placing).Dispose();
        }
        catch (HttpRequestException)
        {
            // The connection was cut by the kill.
        }
    }

    /// <summary>The checkout world with ordering out of process (each test starts and kills its own).</summary>
    public sealed class CrashFixture : IAsyncLifetime
    {
        public CheckoutHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await CheckoutHost.StartAsync(orderingInProcess: false);

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
