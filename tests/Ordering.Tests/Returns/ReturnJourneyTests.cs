extern alias ordering;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DeliveryPartnerSimulator;
using Grpc.Core;
using LocalDapr.PubSub;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Contracts.Events.Payments;
using SpaceOfSport.Contracts.Inventory.V1;
using SpaceOfSport.Ordering.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using OrderingDbContext = ordering::SpaceOfSport.Ordering.Data.OrderingDbContext;
using OrderReturn = ordering::SpaceOfSport.Ordering.Returns.OrderReturn;
using ReturnStatus = ordering::SpaceOfSport.Ordering.Returns.ReturnStatus;

namespace SpaceOfSport.Ordering.Tests.Returns;

/// <summary>
/// Returns end to end on the real checkout world (cart, inventory, payments with the Stripe sandbox): a paid order
/// shipped and delivered by the partner simulator, then returned in part for a partial refund, or exchanged for another
/// size held at request time; staff approve and receive; stock and money follow.
/// </summary>
public sealed class ReturnJourneyTests(CheckoutFixture fixture) : IClassFixture<CheckoutFixture>, IAsyncLifetime
{
    private EventCollector _events = null!;

    private CheckoutHost Host => fixture.Host;

    public async Task InitializeAsync()
    {
        var pubSub = Host.Payments.Sidecar.Components.Find<IPubSub>(DaprComponents.PubSub, "payments")!;
        _events = await EventCollector.StartAsync(pubSub,
            [IntegrationEvent.Topic<ReturnRequested>(), IntegrationEvent.Topic<ReturnApproved>(), IntegrationEvent.Topic<ReturnReceived>(),
                IntegrationEvent.Topic<ReturnRefunded>(), IntegrationEvent.Topic<ExchangeDispatched>()], "return-journey-tests");
    }

    public async Task DisposeAsync() => await _events.DisposeAsync();

    [Fact]
    public async Task A_partial_return_is_refunded_through_payments_and_its_units_go_back_into_stock()
    {
        var sku = await Host.StockedShoeAsync(stock: 10, priceMinor: 10_000);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        var order = await DeliveredOrderAsync(customer, sku, quantity: 2);
        var orderId = order.GetProperty("id").GetGuid();
        using var staff = Staff();

        using var requested = await customer.Http.PostAsJsonAsync(Ordering("/api/returns"),
            new { orderId, lines = new[] { new { lineNumber = 1, quantity = 1, reason = "changed-mind" } } });
        var created = await BodyAsync(requested, HttpStatusCode.Created);
        var returnId = created.GetProperty("id").GetGuid();
        var refund = created.GetProperty("refund").GetProperty("totalMinor").GetInt64();
        refund.Should().Be(order.GetProperty("lines")[0].GetProperty("lineTotalMinor").GetInt64() / 2, "one of two units, no shipping for a change of mind");
        var onHandBefore = (await Host.AvailabilityAsync(sku)).OnHand;

        await BodyAsync(await staff.PostAsync(Ordering($"/api/returns/{returnId}/approve"), null), HttpStatusCode.OK);
        var received = await BodyAsync(await staff.PostAsync(Ordering($"/api/returns/{returnId}/receive"), null), HttpStatusCode.OK);

        received.GetProperty("status").GetString().Should().Be("Refunded");
        var refunded = await _events.WaitForAsync(IntegrationEvent.CloudEventType<ReturnRefunded>(), e => e.GetProperty("returnId").GetGuid() == returnId);
        refunded.Data.GetProperty("amountMinor").GetInt64().Should().Be(refund);
        await Host.Events.WaitForAsync(IntegrationEvent.CloudEventType<RefundSucceeded>(), e => e.GetProperty("orderId").GetGuid() == orderId);
        (await Host.PaymentAsync(orderId)).GetProperty("amountRefunded").GetInt64().Should().Be(refund);
        (await Host.AvailabilityAsync(sku)).OnHand.Should().Be(onHandBefore + 1);
        foreach (var step in new[] { IntegrationEvent.CloudEventType<ReturnRequested>(), IntegrationEvent.CloudEventType<ReturnApproved>(), IntegrationEvent.CloudEventType<ReturnReceived>() })
            await _events.WaitForAsync(step, e => e.GetProperty("returnId").GetGuid() == returnId);

        using var again = await staff.PostAsync(Ordering($"/api/returns/{returnId}/receive"), null);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "a refunded return is not received twice");
        (await Host.PaymentAsync(orderId)).GetProperty("amountRefunded").GetInt64().Should().Be(refund);
    }

    [Fact]
    public async Task A_receive_retried_after_a_crash_between_the_restock_and_its_record_restocks_once_and_refunds_once()
    {
        var sku = await Host.StockedShoeAsync(stock: 10, priceMinor: 10_000);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        var orderId = (await DeliveredOrderAsync(customer, sku, quantity: 2)).GetProperty("id").GetGuid();
        // Staff without inventory:adjust: the restock is ordering's own call to inventory, not the staff member's.
        using var staff = OrderingClient();
        staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Host.Identity.IssueToken(Guid.CreateVersion7().ToString(),
            [Permissions.ReturnsManage], ["staff"], lifetime: TimeSpan.FromHours(1)));
        using var requested = await customer.Http.PostAsJsonAsync(Ordering("/api/returns"),
            new { orderId, lines = new[] { new { lineNumber = 1, quantity = 2, reason = "defective" } } });
        var returnId = (await BodyAsync(requested, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await BodyAsync(await staff.PostAsync(Ordering($"/api/returns/{returnId}/approve"), null), HttpStatusCode.OK);
        var onHandBefore = (await Host.AvailabilityAsync(sku)).OnHand;
        await BodyAsync(await staff.PostAsync(Ordering($"/api/returns/{returnId}/receive"), null), HttpStatusCode.OK);
        var refunded = await Eventually.ReturnsAsync(() => Host.PaymentAsync(orderId), p => p.GetProperty("amountRefunded").GetInt64() > 0, TimeSpan.FromSeconds(60));
        await ForgetRestockAndRefundAsync(returnId);

        var again = await BodyAsync(await staff.PostAsync(Ordering($"/api/returns/{returnId}/receive"), null), HttpStatusCode.OK);

        again.GetProperty("status").GetString().Should().Be("Refunded");
        (await Host.AvailabilityAsync(sku)).OnHand.Should().Be(onHandBefore + 2, "the two units went back into stock once, not twice");
        (await Host.PaymentAsync(orderId)).GetProperty("amountRefunded").GetInt64().Should().Be(refunded.GetProperty("amountRefunded").GetInt64(), "refunded once");
    }

    [Fact]
    public async Task A_wrong_size_is_exchanged_for_another_size_held_at_request_time_and_shipped_once_received()
    {
        var sizes = Host.Catalog.NewShoeInSizes(10_000, "42", "43");
        await AdjustAsync(sizes[0], 5);
        await AdjustAsync(sizes[1], 1);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        var order = await DeliveredOrderAsync(customer, sizes[0], quantity: 1);
        var orderId = order.GetProperty("id").GetGuid();
        using var staff = Staff();

        using var requested = await customer.Http.PostAsJsonAsync(Ordering("/api/returns"),
            new { orderId, lines = new[] { new { lineNumber = 1, quantity = 1, reason = "wrong-size", exchangeSku = sizes[1] } } });
        var created = await BodyAsync(requested, HttpStatusCode.Created);
        var returnId = created.GetProperty("id").GetGuid();
        created.GetProperty("refund").GetProperty("totalMinor").GetInt64().Should().Be(0);
        (await Host.AvailabilityAsync(sizes[1])).Available.Should().Be(0, "the one unit of the other size is held for this exchange");

        await BodyAsync(await staff.PostAsync(Ordering($"/api/returns/{returnId}/approve"), null), HttpStatusCode.OK);
        var received = await BodyAsync(await staff.PostAsync(Ordering($"/api/returns/{returnId}/receive"), null), HttpStatusCode.OK);

        received.GetProperty("status").GetString().Should().Be("Exchanged");
        await _events.WaitForAsync(IntegrationEvent.CloudEventType<ExchangeDispatched>(), e => e.GetProperty("returnId").GetGuid() == returnId);
        (await Host.AvailabilityAsync(sizes[1])).OnHand.Should().Be(0, "the exchange unit left the warehouse");
        (await Host.AvailabilityAsync(sizes[0])).OnHand.Should().Be(5, "the returned size is back in stock");
        (await Host.PaymentAsync(orderId)).GetProperty("amountRefunded").GetInt64().Should().Be(0);

        var partner = new DeliveryPartner(SeededOrdersHost.WebhookSecret);
        var parcel = partner.Shipment(order.GetProperty("number").GetString()!, returnId);
        using var ordering = OrderingClient();
        (await DeliveryPartner.SendAsync(ordering, partner.Shipped(parcel))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await DeliveryPartner.SendAsync(ordering, partner.Delivered(parcel))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await customer.OrderAsync(orderId)).GetProperty("status").GetString().Should().Be("Delivered");
    }

    [Fact]
    public async Task An_exchange_to_a_size_out_of_stock_is_a_409_naming_the_sku_and_holds_nothing()
    {
        var sizes = Host.Catalog.NewShoeInSizes(10_000, "42", "44");
        await AdjustAsync(sizes[0], 2);
        await AdjustAsync(sizes[1], 1);
        await AdjustAsync(sizes[1], -1);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        var order = await DeliveredOrderAsync(customer, sizes[0], quantity: 1);

        using var requested = await customer.Http.PostAsJsonAsync(Ordering("/api/returns"), new
        {
            orderId = order.GetProperty("id").GetGuid(),
            lines = new[] { new { lineNumber = 1, quantity = 1, reason = "wrong-size", exchangeSku = sizes[1] } },
        });

        var problem = await BodyAsync(requested, HttpStatusCode.Conflict);
        problem.GetProperty("skus").EnumerateArray().Select(s => s.GetString()).Should().Equal(sizes[1]);
        (await customer.Http.GetFromJsonAsync<JsonElement>(Ordering("/api/returns"))).GetArrayLength().Should().Be(0);
    }

    /// <summary>Orders <paramref name="quantity"/> of <paramref name="sku"/>, pays, and has staff and the delivery partner take it to delivered.</summary>
    private async Task<JsonElement> DeliveredOrderAsync(Customer customer, string sku, int quantity)
    {
        await customer.FillCartAsync(sku, quantity);
        var placed = await customer.PlaceOkAsync();
        var orderId = placed.GetProperty("id").GetGuid();
        await customer.PayAsync(placed);
        await customer.WaitForStatusAsync(orderId, "Paid");
        using var staff = Staff();
        (await staff.PostAsync(Ordering($"/api/orders/{orderId}/fulfilment"), null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var partner = new DeliveryPartner(SeededOrdersHost.WebhookSecret);
        var parcel = partner.Shipment(placed.GetProperty("number").GetString()!);
        using var ordering = OrderingClient();
        (await DeliveryPartner.SendAsync(ordering, partner.Shipped(parcel))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await DeliveryPartner.SendAsync(ordering, partner.Delivered(parcel))).StatusCode.Should().Be(HttpStatusCode.OK);
        return await customer.WaitForStatusAsync(orderId, "Delivered");
    }

    /// <summary>
    /// What a crash right after inventory restocked the return leaves behind: the return received, its restock and refund
    /// not recorded (inventory and payments did their part; ordering's save of it never happened).
    /// </summary>
    private async Task ForgetRestockAndRefundAsync(Guid returnId)
    {
        await using var scope = Host.Ordering!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        var orderReturn = await db.Set<OrderReturn>().SingleAsync(r => r.Id == returnId);
        orderReturn.Status = ReturnStatus.Received;
        orderReturn.Restocked = false;
        orderReturn.RefundId = null;
        orderReturn.CompletedAt = null;
        orderReturn.Version++;
        await db.SaveChangesAsync();
    }

    private Task AdjustAsync(string sku, int delta) =>
        Host.Inventory.AdjustAsync(new AdjustRequest { Sku = sku, Location = "main", Delta = delta, Reason = "received" },
            new Metadata { { "Authorization", $"Bearer {Host.StaffToken}" } }).ResponseAsync;

    private HttpClient Staff()
    {
        var client = OrderingClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Host.Identity.IssueToken(Guid.CreateVersion7().ToString(),
            [Permissions.OrdersManage, Permissions.OrdersReadAll, Permissions.ReturnsManage, Permissions.InventoryAdjust], ["staff"], lifetime: TimeSpan.FromHours(1)));
        return client;
    }

    private HttpClient OrderingClient() => new()
    {
        BaseAddress = Host.OrderingAddress,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private Uri Ordering(string path) => new(Host.OrderingAddress, path);

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(status, text);
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
