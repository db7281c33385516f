extern alias ordering;
using System.Text.Json.Nodes;
using DeliveryPartnerSimulator;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Ordering.Tests.Infrastructure;
using OrderStatus = ordering::SpaceOfSport.Ordering.Orders.OrderStatus;

namespace SpaceOfSport.Ordering.Tests.GraphQL;

/// <summary>
/// The order history over GraphQL (<c>/graphql</c>): who sees which orders, filters and cursors, an order with its lines,
/// shipments, payment and status timeline, the limits, and a page that costs the same few SQL queries however many
/// orders it holds.
/// </summary>
public sealed class OrderHistoryTests(SeededOrdersFixture fixture) : IClassFixture<SeededOrdersFixture>
{
    private const string OrdersQuery = """
        query($status: [OrderStatus!], $from: DateTimeOffset, $to: DateTimeOffset, $search: String, $first: Int, $after: String) {
          orders(status: $status, placedFrom: $from, placedTo: $to, search: $search, first: $first, after: $after) {
            nodes { id number status }
            pageInfo { endCursor hasNextPage }
          }
        }
        """;

    private SeededOrdersHost Host => fixture.Host;

    [Fact]
    public async Task A_customer_sees_only_their_own_orders_and_another_customers_order_is_null()
    {
        var alice = Guid.CreateVersion7();
        var mine = await Host.SeedOrderAsync(userId: alice);
        var theirs = await Host.SeedOrderAsync();
        using var client = Host.As(alice);

        var page = await client.DataAsync(OrdersQuery, new { first = 50 });
        var other = await client.DataAsync("query($id: ID!) { order(id: $id) { number } }", new { id = theirs.Id });
        var own = await client.DataAsync("query($id: ID!) { order(id: $id) { number } }", new { id = mine.Id });

        Numbers(page).Should().Equal(mine.Number);
        other["order"].Should().BeNull();
        own["order"]!["number"]!.GetValue<string>().Should().Be(mine.Number);
    }

    [Fact]
    public async Task Staff_who_read_all_orders_find_any_order_by_email_or_number_and_customers_may_not_search()
    {
        var order = await Host.SeedOrderAsync(email: $"Runner.{Guid.NewGuid():N}@Example.test");
        await Host.SeedOrderAsync();
        using var staff = Host.As(Guid.CreateVersion7(), Permissions.OrdersReadAll);
        using var customer = Host.As(order.UserId!.Value);

        var byEmail = await staff.DataAsync(OrdersQuery, new { search = order.Email.ToLowerInvariant() });
        var byNumber = await staff.DataAsync(OrdersQuery, new { search = order.Number.ToLowerInvariant() });
        var single = await staff.DataAsync("query($id: ID!) { order(id: $id) { email } }", new { id = order.Id });

        Numbers(byEmail).Should().Equal(order.Number);
        Numbers(byNumber).Should().Equal(order.Number);
        single["order"]!["email"]!.GetValue<string>().Should().Be(order.Email);
        (await customer.ErrorCodeAsync(OrdersQuery, new { search = order.Number })).Should().Be("FORBIDDEN");
    }

    [Fact]
    public async Task Orders_filter_by_status_and_placing_time_newest_first_and_page_with_cursors()
    {
        var customer = Guid.CreateVersion7();
        var start = DateTimeOffset.UtcNow.AddDays(-10);
        var placed = new List<(string Number, OrderStatus Status, DateTimeOffset At)>();
        for (var day = 0; day < 6; day++)
        {
            var status = day % 2 == 0 ? OrderStatus.Delivered : OrderStatus.Cancelled;
            var order = await Host.SeedOrderAsync(status, customer, start.AddDays(day));
            placed.Add((order.Number, status, order.CreatedAt));
        }
        using var client = Host.As(customer);

        var delivered = await client.DataAsync(OrdersQuery, new { status = new[] { "DELIVERED" } });
        var window = await client.DataAsync(OrdersQuery, new { from = start.AddDays(1).ToOffset(TimeSpan.FromHours(2)), to = start.AddDays(4).ToOffset(TimeSpan.FromHours(-5)) });
        var first = await client.DataAsync(OrdersQuery, new { first = 4 });
        var second = await client.DataAsync(OrdersQuery, new { first = 4, after = first["orders"]!["pageInfo"]!["endCursor"]!.GetValue<string>() });

        Numbers(delivered).Should().Equal(placed.Where(p => p.Status == OrderStatus.Delivered).OrderByDescending(p => p.At).Select(p => p.Number));
        Numbers(window).Should().Equal(placed.Skip(1).Take(3).Reverse().Select(p => p.Number));
        first["orders"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>().Should().BeTrue();
        second["orders"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>().Should().BeFalse();
        Numbers(first).Concat(Numbers(second)).Should().Equal(placed.OrderByDescending(p => p.At).Select(p => p.Number));
    }

    [Fact]
    public async Task An_order_shows_its_lines_shipments_payment_and_status_timeline()
    {
        var order = await Host.SeedOrderAsync(OrderStatus.Fulfilling, lines: 3);
        var parcel = Host.Partner.Shipment(order.Number);
        (await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Shipped(parcel))).EnsureSuccessStatusCode();
        (await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Delivered(parcel))).EnsureSuccessStatusCode();
        using var client = Host.As(order.UserId!.Value);

        var data = await client.DataAsync("""
            query($id: ID!) {
              order(id: $id) {
                number status
                totals { total { amountMinor currency } taxIncluded }
                lines { lineNumber sku quantity unitPriceMinor }
                shipments { carrier trackingNumber trackingUrl shippedAt deliveredAt }
                payments { paymentIntentId amount { amountMinor } status }
                timeline { status at }
              }
            }
            """, new { id = order.Id });

        var shown = data["order"]!;
        shown["status"]!.GetValue<string>().Should().Be("DELIVERED");
        shown["totals"]!["total"]!["amountMinor"]!.GetValue<long>().Should().Be(order.TotalMinor);
        shown["lines"]!.AsArray().Select(l => l!["sku"]!.GetValue<string>()).Should().Equal(order.Lines.Select(l => l.Sku));
        var shipment = shown["shipments"]!.AsArray().Should().ContainSingle().Subject!;
        shipment["trackingNumber"]!.GetValue<string>().Should().Be(parcel.TrackingNumber);
        shipment["carrier"]!.GetValue<string>().Should().Be(parcel.Carrier);
        shipment["deliveredAt"].Should().NotBeNull();
        shown["payments"]![0]!["status"]!.GetValue<string>().Should().Be("succeeded");
        shown["timeline"]!.AsArray().Select(t => t!["status"]!.GetValue<string>()).Should().Equal("FULFILLING", "SHIPPED", "DELIVERED");
    }

    [Fact]
    public async Task A_page_of_orders_with_lines_shipments_and_timeline_costs_the_same_four_queries_whatever_its_size()
    {
        var customer = Guid.CreateVersion7();
        for (var i = 0; i < 12; i++)
        {
            var order = await Host.SeedOrderAsync(OrderStatus.Fulfilling, customer, lines: 3);
            (await DeliveryPartner.SendAsync(Host.Http, Host.Partner.Shipped(Host.Partner.Shipment(order.Number)))).EnsureSuccessStatusCode();
        }
        using var client = Host.As(customer);
        const string everything = """
            query($first: Int) {
              orders(first: $first) { nodes { number lines { sku } shipments { trackingNumber } timeline { status } } }
            }
            """;

        var small = await QueriesAsync(client, everything, 2);
        var large = await QueriesAsync(client, everything, 12);

        large.Should().HaveCount(4, "one query for the page and one batch each for lines, shipments and the timeline:\n" + string.Join("\n---\n", large));
        small.Should().HaveCount(large.Count);
    }

    [Fact]
    public async Task Signed_out_callers_bad_arguments_and_queries_over_the_complexity_budget_get_errors_not_500s()
    {
        using var anonymous = Host.Service.CreateHttpClient();
        using var customer = Host.As(Guid.CreateVersion7());

        (await anonymous.ErrorCodeAsync(OrdersQuery)).Should().Be("UNAUTHENTICATED");
        (await customer.ErrorCodeAsync(OrdersQuery, new { first = 51 })).Should().Be("BAD_USER_INPUT");
        (await customer.ErrorCodeAsync(OrdersQuery, new { after = "not-a-cursor" })).Should().Be("BAD_USER_INPUT");
        var costly = await customer.GraphQLAsync("""
            {
              a: orders(first: 50) { nodes { lines { sku productName size colour quantity } shipments { carrier trackingNumber trackingUrl } timeline { status at reason } } }
              b: orders(first: 50) { nodes { lines { sku productName size colour quantity } shipments { carrier trackingNumber trackingUrl } timeline { status at reason } } }
              c: orders(first: 50) { nodes { lines { sku productName size colour quantity } shipments { carrier trackingNumber trackingUrl } timeline { status at reason } } }
            }
            """);
        costly["errors"]![0]!["message"]!.GetValue<string>().Should().Contain("too complex");
        costly["data"].Should().BeNull();
    }

    private async Task<IReadOnlyList<string>> QueriesAsync(HttpClient client, string query, int first)
    {
        Host.Sql.Reset();
        var data = await client.DataAsync(query, new { first });
        data["orders"]!["nodes"]!.AsArray().Should().HaveCount(first);
        return Host.Sql.Commands;
    }

    private static IEnumerable<string> Numbers(JsonNode data) =>
        data["orders"]!["nodes"]!.AsArray().Select(n => n!["number"]!.GetValue<string>()).ToList();
}
