using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SpaceOfSport.Ordering.Tests.Infrastructure;

namespace SpaceOfSport.Ordering.Tests;

/// <summary>What placing and reading orders refuses, and the rules it keeps: idempotency, prices, guests, access, the lifecycle.</summary>
[Collection(CheckoutCollection.Name)]
public sealed class OrderRulesTests(CheckoutFixture fixture)
{
    private CheckoutHost Host => fixture.Host;

    [Fact]
    public async Task An_order_without_an_idempotency_key_is_400_naming_the_header()
    {
        using var customer = Host.NewCustomer(Guid.CreateVersion7());

        using var response = await customer.PlaceAsync(idempotencyKey: null);

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _).Should().BeTrue();
    }

    [Fact]
    public async Task An_empty_cart_is_422_and_no_order_is_made()
    {
        using var customer = Host.NewCustomer(Guid.CreateVersion7());

        using var response = await customer.PlaceAsync(Guid.NewGuid().ToString());

        (await Problem(response, HttpStatusCode.UnprocessableEntity)).GetProperty("reason").GetString().Should().Be("empty-cart");
    }

    [Fact]
    public async Task The_same_key_returns_the_same_order_and_another_body_with_it_is_422()
    {
        var sku = await Host.StockedShoeAsync(stock: 3);
        using var guest = Host.NewCustomer();
        await guest.FillCartAsync(sku);
        var key = Guid.NewGuid().ToString();
        var first = await guest.PlaceOkAsync(key, guestEmail: "runner@example.test");

        using var again = await guest.PlaceAsync(key, new { email = "runner@example.test" });
        using var otherBody = await guest.PlaceAsync(key, new { email = "someone.else@example.test" });

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().Should().Be(first.GetProperty("id").GetGuid());
        (await Problem(otherBody, HttpStatusCode.UnprocessableEntity)).GetProperty("reason").GetString().Should().Be("idempotency-key-reused");
        (await Host.AvailabilityAsync(sku)).Reserved.Should().Be(1);
    }

    [Fact]
    public async Task A_price_changed_since_the_cart_was_read_is_charged_at_the_current_price_and_said_so()
    {
        var sku = await Host.StockedShoeAsync(stock: 3, priceMinor: 8_000);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku);
        (await customer.CartAsync()).GetProperty("totals").GetProperty("subtotalMinor").GetInt64().Should().Be(8_000);
        Host.Catalog.SetPrice(sku, 9_000);

        var order = await customer.PlaceOkAsync();

        order.GetProperty("totals").GetProperty("subtotalMinor").GetInt64().Should().Be(9_000);
        var change = order.GetProperty("priceChanges").EnumerateArray().Single();
        (change.GetProperty("sku").GetString(), change.GetProperty("cartUnitPriceMinor").GetInt64(), change.GetProperty("unitPriceMinor").GetInt64())
            .Should().Be((sku, 8_000L, 9_000L));
    }

    [Fact]
    public async Task A_guest_orders_with_an_email_and_the_account_with_that_email_claims_it()
    {
        var sku = await Host.StockedShoeAsync(stock: 3);
        using var guest = Host.NewCustomer();
        await guest.FillCartAsync(sku);
        using (var noEmail = await guest.PlaceAsync(Guid.NewGuid().ToString()))
            (await Problem(noEmail, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("email", out _).Should().BeTrue();

        var order = await guest.PlaceOkAsync(guestEmail: "Guest.Runner@example.test");
        var orderId = order.GetProperty("id").GetGuid();
        order.GetProperty("guest").GetBoolean().Should().BeTrue();

        using var stranger = Host.NewCustomer(Guid.CreateVersion7(), email: "stranger@example.test");
        (await stranger.Http.PostAsync(new Uri(Host.OrderingAddress, $"/api/orders/{orderId}/claim"), null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var owner = Host.NewCustomer(Guid.CreateVersion7(), email: "guest.runner@example.test");
        using var claim = await owner.Http.PostAsync(new Uri(Host.OrderingAddress, $"/api/orders/{orderId}/claim"), null);
        claim.StatusCode.Should().Be(HttpStatusCode.OK, await claim.Content.ReadAsStringAsync());
        (await owner.OrderAsync(orderId)).GetProperty("guest").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Another_customers_order_is_404_and_staff_with_orders_read_all_see_it()
    {
        var sku = await Host.StockedShoeAsync(stock: 3);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku);
        var orderId = (await customer.PlaceOkAsync()).GetProperty("id").GetGuid();

        using var other = Host.NewCustomer(Guid.CreateVersion7());
        await Problem(await other.GetAsync(orderId), HttpStatusCode.NotFound);
        await Problem(await other.CancelAsync(orderId), HttpStatusCode.NotFound);
        await Problem(await other.GetAsync(Guid.CreateVersion7()), HttpStatusCode.NotFound);
        using var staff = StaffHttp();
        (await staff.GetAsync(new Uri(Host.OrderingAddress, $"/api/orders/{orderId}"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staff_move_a_paid_order_to_fulfilling_and_a_pending_one_is_409()
    {
        var sku = await Host.StockedShoeAsync(stock: 3);
        using var customer = Host.NewCustomer(Guid.CreateVersion7());
        await customer.FillCartAsync(sku);
        var order = await customer.PlaceOkAsync();
        var orderId = order.GetProperty("id").GetGuid();
        using var staff = StaffHttp();
        var fulfilment = new Uri(Host.OrderingAddress, $"/api/orders/{orderId}/fulfilment");

        var early = await Problem(await staff.PostAsync(fulfilment, null), HttpStatusCode.Conflict);
        early.GetProperty("status").GetString().Should().Be("awaiting-payment");
        (await customer.Http.PostAsync(fulfilment, null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "customers have no orders:manage");
        await customer.PayAsync(order);
        await customer.WaitForStatusAsync(orderId, "Paid");

        using var moved = await staff.PostAsync(fulfilment, null);

        moved.StatusCode.Should().Be(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        (await customer.OrderAsync(orderId)).GetProperty("status").GetString().Should().Be("Fulfilling");
        await Host.Events.WaitForAsync("spaceofsport.ordering.order-status-changed.v1",
            e => e.GetProperty("orderId").GetGuid() == orderId && e.GetProperty("status").GetString() == "fulfilling");
    }

    private HttpClient StaffHttp()
    {
        var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Host.StaffToken);
        return http;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
