extern alias ordering;
using System.Net;
using System.Text.Json;
using SpaceOfSport.Ordering.Tests.Infrastructure;
using Order = ordering::SpaceOfSport.Ordering.Orders.Order;
using OrderStatus = ordering::SpaceOfSport.Ordering.Orders.OrderStatus;

namespace SpaceOfSport.Ordering.Tests.Returns;

/// <summary>
/// Who may return what, when: a delivered order within 30 days, only by its customer, no more units than bought, each
/// refusal the answer it must be (400 naming the field, 404, 422 naming the rule); and the refund each return is worth.
/// </summary>
public sealed class ReturnRulesTests(SeededOrdersFixture fixture) : IClassFixture<SeededOrdersFixture>
{
    private SeededOrdersHost Host => fixture.Host;

    [Fact]
    public async Task A_return_after_30_days_or_of_an_undelivered_order_is_a_422_naming_the_rule()
    {
        var late = await Host.SeedOrderAsync(OrderStatus.Delivered, placedAt: DateTimeOffset.UtcNow.AddDays(-31));
        var unshipped = await Host.SeedOrderAsync(OrderStatus.Paid);

        using var tooLate = await RequestAsync(late, new { lineNumber = 1, quantity = 1, reason = "changed-mind" });
        using var tooEarly = await RequestAsync(unshipped, new { lineNumber = 1, quantity = 1, reason = "changed-mind" });

        (await ProblemAsync(tooLate, HttpStatusCode.UnprocessableEntity)).GetProperty("reason").GetString().Should().Be("return-window-closed");
        (await ProblemAsync(tooEarly, HttpStatusCode.UnprocessableEntity)).GetProperty("reason").GetString().Should().Be("not-delivered");
    }

    [Fact]
    public async Task Another_customers_order_or_return_is_a_404()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Delivered, placedAt: DateTimeOffset.UtcNow.AddDays(-2));
        using var mine = await RequestAsync(order, new { lineNumber = 1, quantity = 1, reason = "changed-mind" });
        mine.StatusCode.Should().Be(HttpStatusCode.Created);
        var returnId = (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var stranger = Host.As(Guid.CreateVersion7());

        using var theirOrder = await stranger.PostAsJsonAsync("/api/returns", new { orderId = order.Id, lines = new[] { new { lineNumber = 2, quantity = 1, reason = "changed-mind" } } });
        using var theirReturn = await stranger.GetAsync($"/api/returns/{returnId}");

        await ProblemAsync(theirOrder, HttpStatusCode.NotFound);
        await ProblemAsync(theirReturn, HttpStatusCode.NotFound);
        (await stranger.GetFromJsonAsync<JsonElement>("/api/returns")).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Bad_lines_are_400s_naming_the_field_and_more_units_than_bought_is_a_422()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Delivered, placedAt: DateTimeOffset.UtcNow.AddDays(-2));

        using var unknownLine = await RequestAsync(order, new { lineNumber = 9, quantity = 1, reason = "changed-mind" });
        using var badReason = await RequestAsync(order, new { lineNumber = 1, quantity = 1, reason = "bored" });
        using var exchangeNotForSize = await RequestAsync(order, new { lineNumber = 1, quantity = 1, reason = "defective", exchangeSku = "SHOE-1-43" });
        using var tooMany = await RequestAsync(order, new { lineNumber = 1, quantity = 2, reason = "changed-mind" });

        (await ProblemAsync(unknownLine, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("lines[0].lineNumber", out _).Should().BeTrue();
        (await ProblemAsync(badReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("lines[0].reason", out _).Should().BeTrue();
        (await ProblemAsync(exchangeNotForSize, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("lines[0].exchangeSku", out _).Should().BeTrue();
        (await ProblemAsync(tooMany, HttpStatusCode.UnprocessableEntity)).GetProperty("reason").GetString().Should().Be("quantity-exceeds-order");
    }

    [Fact]
    public async Task A_partial_return_refunds_its_units_without_shipping_and_the_last_units_bring_the_shipping_back()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Delivered, placedAt: DateTimeOffset.UtcNow.AddDays(-2), lines: 2);

        using var first = await RequestAsync(order, new { lineNumber = 1, quantity = 1, reason = "changed-mind" });
        using var rest = await RequestAsync(order, new { lineNumber = 2, quantity = 1, reason = "changed-mind" });
        using var none = await RequestAsync(order, new { lineNumber = 2, quantity = 1, reason = "changed-mind" });

        var partial = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refund");
        partial.GetProperty("itemsMinor").GetInt64().Should().Be(10_000);
        partial.GetProperty("shippingMinor").GetInt64().Should().Be(0);
        var last = (await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refund");
        last.GetProperty("shippingMinor").GetInt64().Should().Be(order.ShippingMinor, "every unit of the order is now returned");
        last.GetProperty("totalMinor").GetInt64().Should().Be(10_000 + order.ShippingMinor);
        (await ProblemAsync(none, HttpStatusCode.UnprocessableEntity)).GetProperty("reason").GetString().Should().Be("quantity-exceeds-order");
    }

    [Fact]
    public async Task Staff_reject_a_requested_return_and_a_rejected_return_cannot_be_approved()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Delivered, placedAt: DateTimeOffset.UtcNow.AddDays(-2));
        using var requested = await RequestAsync(order, new { lineNumber = 1, quantity = 1, reason = "defective" });
        var returnId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var staff = Host.Staff();
        using var customer = Host.As(order.UserId!.Value);

        using var byCustomer = await customer.PostAsync($"/api/returns/{returnId}/reject", null);
        using var rejected = await staff.PostAsJsonAsync($"/api/returns/{returnId}/reject", new { reason = "worn outdoors" });
        using var approve = await staff.PostAsync($"/api/returns/{returnId}/approve", null);

        byCustomer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var body = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().Should().Be("Rejected");
        body.GetProperty("rejectionReason").GetString().Should().Be("worn outdoors");
        (await ProblemAsync(approve, HttpStatusCode.Conflict)).GetProperty("status").GetString().Should().Be("rejected");
    }

    private async Task<HttpResponseMessage> RequestAsync(Order order, params object[] lines)
    {
        using var customer = Host.As(order.UserId!.Value);
        return await customer.PostAsJsonAsync("/api/returns", new { orderId = order.Id, lines });
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
