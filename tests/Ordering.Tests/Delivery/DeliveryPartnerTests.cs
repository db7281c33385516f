extern alias ordering;
using System.Net;
using System.Text.Json;
using DeliveryPartnerSimulator;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Contracts.Webhooks;
using SpaceOfSport.Ordering.Tests.Infrastructure;
using Order = ordering::SpaceOfSport.Ordering.Orders.Order;
using OrderStatus = ordering::SpaceOfSport.Ordering.Orders.OrderStatus;

namespace SpaceOfSport.Ordering.Tests.Delivery;

/// <summary>
/// Delivery partners' shipped and delivered events, signed as Standard Webhooks by the partner simulator, through
/// <c>POST /webhooks/delivery</c> and through the <c>delivery-events</c> binding's route: the order's status follows,
/// each step is announced, and forged, stale, replayed or out-of-order messages change nothing.
/// </summary>
public sealed class DeliveryPartnerTests(SeededOrdersFixture fixture) : IClassFixture<SeededOrdersFixture>
{
    private SeededOrdersHost Host => fixture.Host;

    [Fact]
    public async Task Shipped_then_delivered_through_the_webhook_take_the_order_to_delivered_with_its_tracking()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Fulfilling);
        var parcel = Host.Partner.Shipment(order.Number);

        using var shipped = await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Shipped(parcel));
        (await ReceiptAsync(shipped)).Should().BeFalse();
        (await OrderAsync(order)).GetProperty("status").GetString().Should().Be("Shipped");
        var announced = await Host.Events.WaitForAsync(IntegrationEvent.CloudEventType<OrderShipped>(), e => e.GetProperty("orderId").GetGuid() == order.Id);
        announced.Data.GetProperty("carrier").GetString().Should().Be(parcel.Carrier);
        announced.Data.GetProperty("trackingNumber").GetString().Should().Be(parcel.TrackingNumber);
        announced.Data.GetProperty("trackingUrl").GetString().Should().Be(parcel.TrackingUrl);

        using var delivered = await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Delivered(parcel));
        (await ReceiptAsync(delivered)).Should().BeFalse();
        var current = await OrderAsync(order);
        current.GetProperty("status").GetString().Should().Be("Delivered");
        current.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("status").GetString()).Should().EndWith(["Shipped", "Delivered"]);
        await Host.Events.WaitForAsync(IntegrationEvent.CloudEventType<OrderDelivered>(), e => e.GetProperty("orderId").GetGuid() == order.Id);
        await Host.Events.WaitForAsync(IntegrationEvent.CloudEventType<OrderStatusChanged>(),
            e => e.GetProperty("orderId").GetGuid() == order.Id && e.GetProperty("status").GetString() == "delivered");
    }

    [Fact]
    public async Task Shipped_then_delivered_relayed_through_the_delivery_events_binding_take_the_order_to_delivered()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Fulfilling);
        var parcel = Host.Partner.Shipment(order.Number);

        using var shipped = await Host.Http.PostAsJsonAsync("/delivery-events", Host.Partner.Shipped(parcel).Relayed);
        (await ReceiptAsync(shipped)).Should().BeFalse();
        (await OrderAsync(order)).GetProperty("status").GetString().Should().Be("Shipped");
        using var delivered = await Host.Http.PostAsJsonAsync("/delivery-events", Host.Partner.Delivered(parcel).Relayed);
        (await ReceiptAsync(delivered)).Should().BeFalse();

        (await OrderAsync(order)).GetProperty("status").GetString().Should().Be("Delivered");
    }

    [Fact]
    public async Task A_paid_order_the_carrier_picked_up_goes_through_fulfilling_to_shipped()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Paid);

        using var shipped = await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Shipped(Host.Partner.Shipment(order.Number)));

        shipped.StatusCode.Should().Be(HttpStatusCode.OK);
        (await OrderAsync(order)).GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("status").GetString())
            .Should().Equal("Paid", "Fulfilling", "Shipped");
    }

    [Fact]
    public async Task A_forged_signature_is_a_400_and_changes_nothing()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Fulfilling);
        var forger = new DeliveryPartner("whsec_" + Convert.ToBase64String("not the partners' secret, 32 b!"u8.ToArray()));

        using var overHttp = await DeliveryPartner.SendAsync(Host.Http, forger.Shipped(forger.Shipment(order.Number)));
        using var relayed = await Host.Http.PostAsJsonAsync("/delivery-events", forger.Shipped(forger.Shipment(order.Number)).Relayed);

        await ShouldBeRefusedAsync(overHttp, "webhook-signature");
        await ShouldBeRefusedAsync(relayed, "webhook-signature");
        (await OrderAsync(order)).GetProperty("status").GetString().Should().Be("Fulfilling");
    }

    [Fact]
    public async Task A_tampered_body_is_a_400_and_changes_nothing()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Fulfilling);
        var other = await Host.SeedOrderAsync(OrderStatus.Fulfilling);
        var signed = Host.Partner.Shipped(Host.Partner.Shipment(order.Number));

        using var tampered = await DeliveryPartner.SendAsync(Host.Http, signed with { Payload = signed.Payload.Replace(order.Number, other.Number, StringComparison.Ordinal) });

        await ShouldBeRefusedAsync(tampered, "webhook-signature");
        (await OrderAsync(other)).GetProperty("status").GetString().Should().Be("Fulfilling");
    }

    [Fact]
    public async Task A_message_signed_outside_the_replay_window_is_a_400_even_when_genuine()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Fulfilling);
        var webhook = new DeliveryWebhook(DeliveryWebhook.Shipped, DateTimeOffset.UtcNow, Host.Partner.Shipment(order.Number));

        using var stale = await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Sign(webhook, sentAt: DateTimeOffset.UtcNow.AddMinutes(-6)));
        using var early = await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Sign(webhook, sentAt: DateTimeOffset.UtcNow.AddMinutes(6)));
        using var unsigned = await Host.Http.PostAsJsonAsync("/webhooks/delivery", webhook);

        await ShouldBeRefusedAsync(stale, "webhook-timestamp");
        await ShouldBeRefusedAsync(early, "webhook-timestamp");
        await ShouldBeRefusedAsync(unsigned, "webhook-id");
        (await OrderAsync(order)).GetProperty("status").GetString().Should().Be("Fulfilling");
    }

    [Fact]
    public async Task A_replayed_message_is_a_200_duplicate_and_announces_nothing_again_whichever_way_it_comes()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Fulfilling);
        var shipped = Host.Partner.Shipped(Host.Partner.Shipment(order.Number));
        using var first = await DeliveryPartner.SendAsync(Host.Http, shipped);
        (await ReceiptAsync(first)).Should().BeFalse();

        using var again = await DeliveryPartner.SendAsync(Host.Http, shipped);
        using var relayed = await Host.Http.PostAsJsonAsync("/delivery-events", shipped.Relayed);

        (await ReceiptAsync(again)).Should().BeTrue();
        (await ReceiptAsync(relayed)).Should().BeTrue();
        await Host.Events.WaitForAsync(IntegrationEvent.CloudEventType<OrderShipped>(), e => e.GetProperty("orderId").GetGuid() == order.Id);
        await Task.Delay(500);
        Host.Events.Received.Count(e => e.Type == IntegrationEvent.CloudEventType<OrderShipped>() && e.Data.GetProperty("orderId").GetGuid() == order.Id)
            .Should().Be(1);
        (await OrderAsync(order)).GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("status").GetString() == "Shipped").Should().Be(1);
    }

    [Fact]
    public async Task Delivered_before_shipped_is_a_409_the_partner_retries_after_the_shipped_event()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Fulfilling);
        var parcel = Host.Partner.Shipment(order.Number);
        var delivered = Host.Partner.Delivered(parcel);

        using var early = await DeliveryPartner.SendAsync(Host.Http, delivered);
        early.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await OrderAsync(order)).GetProperty("status").GetString().Should().Be("Fulfilling");

        (await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Shipped(parcel))).StatusCode.Should().Be(HttpStatusCode.OK);
        using var retried = await DeliveryPartner.SendAsync(Host.Http, delivered);
        (await ReceiptAsync(retried)).Should().BeFalse();
        (await OrderAsync(order)).GetProperty("status").GetString().Should().Be("Delivered");
    }

    [Fact]
    public async Task A_cancelled_order_cannot_ship_and_an_unknown_order_number_is_a_422()
    {
        var cancelled = await Host.SeedOrderAsync(OrderStatus.Cancelled);

        using var conflict = await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Shipped(Host.Partner.Shipment(cancelled.Number)));
        using var unknown = await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Shipped(Host.Partner.Shipment("SOS-1999-000001")));

        conflict.StatusCode.Should().Be(HttpStatusCode.Conflict);
        unknown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await OrderAsync(cancelled)).GetProperty("status").GetString().Should().Be("Cancelled");
    }

    [Fact]
    public async Task A_signed_message_without_a_carrier_is_a_400_naming_the_field()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Fulfilling);
        var webhook = new DeliveryWebhook(DeliveryWebhook.Shipped, DateTimeOffset.UtcNow, new DeliveryWebhookData(order.Number, TrackingNumber: "123"));

        using var response = await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Sign(webhook));

        await ShouldBeRefusedAsync(response, "data.carrier");
    }

    private async Task<JsonElement> OrderAsync(Order order)
    {
        using var customer = Host.As(order.UserId!.Value);
        return await customer.GetFromJsonAsync<JsonElement>($"/api/orders/{order.Id}");
    }

    private static async Task<bool> ReceiptAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("duplicate").GetBoolean();
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", body);
        JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(body);
    }
}
