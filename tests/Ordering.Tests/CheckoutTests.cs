using System.Net;
using System.Text.Json;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Contracts.Events.Payments;
using SpaceOfSport.Contracts.Inventory.V1;
using SpaceOfSport.Ordering.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using Stripe;

namespace SpaceOfSport.Ordering.Tests;

/// <summary>The checkout end to end: the customer's cart becomes an order, the workflow reserves and charges, the sandbox pays.</summary>
[Collection(CheckoutCollection.Name)]
public sealed class CheckoutTests(CheckoutFixture fixture)
{
    private CheckoutHost Host => fixture.Host;

    [Fact]
    public async Task A_paid_order_commits_its_stock_and_is_announced_once()
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
        var statuses = await Eventually.ReturnsAsync(() => Task.FromResult(Host.EventsOf<OrderStatusChanged>(orderId).ToList()), e => e.Count >= 3);
        statuses.Select(e => e.Data.GetProperty("status").GetString()).Should().Equal("pending", "awaiting-payment", "paid");
        statuses.Select(e => e.Data.GetProperty("sequence").GetInt64()).Should().BeInAscendingOrder();
        Host.EventsOf<OrderPaid>(orderId).Should().ContainSingle();
    }

    [Fact]
    public async Task A_declined_card_cancels_the_order_and_gives_the_stock_back()
    {
        var sku = await Host.StockedShoeAsync(stock: 3);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku);
        var order = await customer.PlaceOkAsync();
        var orderId = order.GetProperty("id").GetGuid();

        await FluentActions.Awaiting(() => customer.PayAsync(order, "pm_card_chargeDeclinedInsufficientFunds")).Should().ThrowAsync<StripeException>();

        var cancelled = await customer.WaitForStatusAsync(orderId, "Cancelled");
        cancelled.GetProperty("cancellationReason").GetString().Should().Be("payment-failed");
        var stock = await Host.AvailabilityAsync(sku);
        (stock.OnHand, stock.Reserved).Should().Be((3, 0));
        (await Host.PaymentAsync(orderId)).GetProperty("status").GetString().Should().Be("canceled");
        Host.EventsOf<OrderPaid>(orderId).Should().BeEmpty();
    }

    [Fact]
    public async Task Three_D_Secure_then_success_pays_the_order()
    {
        var sku = await Host.StockedShoeAsync(stock: 3);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku);
        var order = await customer.PlaceOkAsync();
        var orderId = order.GetProperty("id").GetGuid();

        await customer.PayAsync(order, "pm_card_authenticationRequiredOnSetup");
        await Eventually.ReturnsAsync(() => Host.PaymentAsync(orderId), p => p.GetProperty("status").GetString() == "requires_action");
        (await customer.OrderAsync(orderId)).GetProperty("status").GetString().Should().Be("AwaitingPayment", "a 3-D Secure challenge is no failure");
        await customer.AnswerChallengeAsync(order, "complete");

        await customer.WaitForStatusAsync(orderId, "Paid");
        (await Host.AvailabilityAsync(sku)).OnHand.Should().Be(2);
    }

    [Fact]
    public async Task The_customer_cancels_while_paying_is_pending_and_nothing_is_charged_or_held()
    {
        var sku = await Host.StockedShoeAsync(stock: 4);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku, 2);
        var order = await customer.PlaceOkAsync();
        var orderId = order.GetProperty("id").GetGuid();

        using var cancel = await customer.CancelAsync(orderId);

        cancel.StatusCode.Should().Be(HttpStatusCode.OK, await cancel.Content.ReadAsStringAsync());
        var cancelled = await customer.WaitForStatusAsync(orderId, "Cancelled");
        cancelled.GetProperty("cancellationReason").GetString().Should().Be("customer-cancelled");
        (await Host.AvailabilityAsync(sku)).Reserved.Should().Be(0);
        (await Host.PaymentAsync(orderId)).GetProperty("status").GetString().Should().Be("canceled");
        using var again = await customer.CancelAsync(orderId);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "a cancelled order cannot be cancelled again");
    }

    [Fact]
    public async Task A_paid_order_cancelled_before_shipping_is_refunded_in_full_and_its_units_go_back_in_stock_once()
    {
        var sku = await Host.StockedShoeAsync(stock: 4);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku, quantity: 2);
        var order = await customer.PlaceOkAsync();
        var orderId = order.GetProperty("id").GetGuid();
        await customer.PayAsync(order);
        var paid = await customer.WaitForStatusAsync(orderId, "Paid");
        (await Host.AvailabilityAsync(sku)).OnHand.Should().Be(2, "the paid order's units left stock");

        using var cancel = await customer.CancelAsync(orderId);

        cancel.StatusCode.Should().Be(HttpStatusCode.OK, await cancel.Content.ReadAsStringAsync());
        var cancelled = await customer.OrderAsync(orderId);
        cancelled.GetProperty("status").GetString().Should().Be("Cancelled");
        cancelled.GetProperty("refunded").GetBoolean().Should().BeTrue();
        var payment = await Host.PaymentAsync(orderId);
        payment.GetProperty("amountRefunded").GetInt64().Should().Be(paid.GetProperty("totals").GetProperty("totalMinor").GetInt64());
        var stock = await Host.AvailabilityAsync(sku);
        (stock.OnHand, stock.Reserved).Should().Be((4, 0));

        using var again = await customer.CancelAsync(orderId);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Host.AvailabilityAsync(sku)).OnHand.Should().Be(4, "the units came back once");
        // A cancel retried after a crash asks for the same restock: inventory knows it and puts nothing back again.
        var retried = new RestockRequest { RestockId = $"order-{orderId}-cancelled", Location = "main", Reason = "customer-cancelled" };
        retried.Lines.Add(new ReservationLine { Sku = sku, Quantity = 2 });
        (await Host.Inventory.RestockAsync(retried)).AlreadyApplied.Should().BeTrue();
        (await Host.AvailabilityAsync(sku)).OnHand.Should().Be(4);
    }

    [Fact]
    public async Task Stock_gone_between_cart_and_checkout_is_409_naming_the_sku_and_nothing_is_charged()
    {
        var sku = await Host.StockedShoeAsync(stock: 2);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku, 2);
        using (var rival = Host.NewCustomer(Guid.CreateVersion7()))
        {
            await rival.FillCartAsync(sku, 1);
            await rival.PlaceOkAsync();
        }

        using var response = await customer.PlaceAsync(Guid.NewGuid().ToString());

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.Should().Be(HttpStatusCode.Conflict, problem.ToString());
        problem.GetProperty("skus").EnumerateArray().Select(s => s.GetString()).Should().Equal(sku);
        var orderId = problem.GetProperty("orderId").GetGuid();
        (await customer.OrderAsync(orderId)).GetProperty("cancellationReason").GetString().Should().Be("out-of-stock");
        (await Host.PaymentsHttp.GetAsync($"/api/payments/{orderId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "no payment is created without stock");
        (await Host.AvailabilityAsync(sku)).Reserved.Should().Be(1, "only the rival's units are held");
    }

    [Fact]
    public async Task A_duplicated_payment_event_changes_nothing()
    {
        var sku = await Host.StockedShoeAsync(stock: 3);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku);
        var order = await customer.PlaceOkAsync();
        var orderId = order.GetProperty("id").GetGuid();
        await customer.PayAsync(order);
        await customer.WaitForStatusAsync(orderId, "Paid");
        var succeeded = await Host.Events.WaitForAsync("spaceofsport.payments.payment-succeeded.v1", e => e.GetProperty("orderId").GetGuid() == orderId);

        using var dapr = Host.Payments.CreateDaprClient();
        var duplicate = succeeded.Data.Deserialize<PaymentSucceeded>(JsonConventions.Create())!;
        await dapr.PublishIntegrationEventAsync(duplicate, CancellationToken.None);
        await Eventually.UntilAsync(() => Host.EventsOf<PaymentSucceeded>(orderId).Count() >= 2, "the duplicate to be delivered");

        var after = await customer.OrderAsync(orderId);
        after.GetProperty("status").GetString().Should().Be("Paid");
        after.GetProperty("timeline").GetArrayLength().Should().Be(3);
        (await Host.AvailabilityAsync(sku)).OnHand.Should().Be(2, "the stock left once");
        Host.EventsOf<OrderPaid>(orderId).Should().ContainSingle();
    }

    [Fact]
    public async Task A_payment_event_for_an_order_not_stored_yet_asks_for_redelivery()
    {
        // Delivered as ordering's own sidecar delivers it: straight to the app, not by service invocation.
        using var asItsSidecar = Host.Ordering!.CreateHttpClient();
        var early = new PaymentSucceeded { OrderId = Guid.CreateVersion7(), PaymentId = Guid.CreateVersion7(), PaymentIntentId = "pi_early", Amount = 100, Currency = "eur" };

        using var response = await asItsSidecar.PostAsJsonAsync("/events/payments/payment-succeeded", early, JsonConventions.Create());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("RETRY");
    }

    // Issue 9: any app in the mesh could post a forged payment result to ordering's subscription by service invocation.
    [Fact]
    public async Task A_payment_event_forged_by_another_app_through_service_invocation_is_refused()
    {
        using var paymentsSidecar = new HttpClient { BaseAddress = Host.Payments.Sidecar.HttpEndpoint };
        var forged = new PaymentSucceeded { OrderId = Guid.CreateVersion7(), PaymentId = Guid.CreateVersion7(), PaymentIntentId = "pi_forged", Amount = 100, Currency = "eur" };

        using var response = await paymentsSidecar.PostAsJsonAsync("/v1.0/invoke/ordering/method/events/payments/payment-succeeded", forged, JsonConventions.Create());

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task The_same_post_retried_concurrently_makes_one_order_and_one_charge()
    {
        var sku = await Host.StockedShoeAsync(stock: 5);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku, 2);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await customer.PlaceAsync(key);
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));

        answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
        var ids = answers.Select(a => a.Body.GetProperty("id").GetGuid()).Distinct().ToList();
        ids.Should().ContainSingle();
        answers.Select(a => a.Body.GetProperty("payment").GetProperty("paymentIntentId").GetString()).Distinct().Should().ContainSingle();
        (await Host.AvailabilityAsync(sku)).Reserved.Should().Be(2, "one reservation");
        await customer.PayAsync(answers[0].Body);
        await customer.WaitForStatusAsync(ids[0], "Paid");
        (await Host.PaymentAsync(ids[0])).GetProperty("amountReceived").GetInt64().Should().Be(answers[0].Body.GetProperty("totals").GetProperty("totalMinor").GetInt64());
    }
}
