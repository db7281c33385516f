extern alias analytics;
using System.Text.Json.Nodes;
using SpaceOfSport.Analytics.Tests.Infrastructure;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.TestSupport;
using EventTypes = analytics::SpaceOfSport.Analytics.Events.EventTypes;

namespace SpaceOfSport.Analytics.Tests;

/// <summary>
/// Recommendations over GraphQL on one known order history: bought together ranked by lift above the minimum support,
/// personal ones in the customer's sizes and in stock without what they bought, best sellers for a cold start.
/// </summary>
public sealed class RecommendationTests(RecommendationTests.Host host) : IClassFixture<RecommendationTests.Host>
{
    private const string Query = "query($first: Int!) { recommendedForMe(first: $first) { productId reason score } }";

    [Fact]
    public async Task Bought_together_ranks_by_lift_and_leaves_out_pairs_below_the_minimum_support()
    {
        var data = await host.DataAsync();

        var body = await host.GraphQLAsync("query($id: ID!) { recommendations(productId: $id, first: 10) { productId reason score } }", new { id = data.P1 });

        var recommended = Products(body["data"]!["recommendations"]!);
        recommended.Where(r => r.Reason == "bought-together").Select(r => r.Id).Should().Equal(data.P3, data.P2);
        recommended.Select(r => r.Id).Should().NotContain(data.P1);
        recommended.Where(r => r.Id == data.P4).Select(r => r.Reason).Should().NotContain("bought-together", "bought together once only");
    }

    [Fact]
    public async Task Recommended_for_me_keeps_my_sizes_in_stock_and_leaves_out_what_i_bought()
    {
        var data = await host.DataAsync();

        var body = await host.GraphQLAsync(Query, new { first = 10 }, host.CustomerToken(data.Customer));

        var recommended = Products(body["data"]!["recommendedForMe"]!);
        recommended.Where(r => r.Reason == "for-you").Select(r => r.Id).Should().BeEquivalentTo([data.P2, data.P5]);
        recommended.Select(r => r.Id).Should().NotContain(data.P1, "the customer bought it")
            .And.NotContain(data.P3, "its size 42 is sold out; only 44 is in stock")
            .And.NotContain(data.P4, "it is sold out");
    }

    [Fact]
    public async Task A_customer_without_history_gets_best_sellers_in_stock()
    {
        var data = await host.DataAsync();

        var body = await host.GraphQLAsync(Query, new { first = 3 }, host.CustomerToken(Guid.CreateVersion7()));

        Products(body["data"]!["recommendedForMe"]!).Should().Equal((data.P2, "best-seller"), (data.P1, "best-seller"), (data.P3, "best-seller"));
    }

    [Fact]
    public async Task Personal_recommendations_need_a_signed_in_customer()
    {
        var body = await host.GraphQLAsync(Query, new { first = 3 });

        body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().Should().Be("UNAUTHENTICATED");
    }

    private static List<(Guid Id, string Reason)> Products(JsonNode list) =>
        [.. list.AsArray().Select(r => (Guid.Parse(r!["productId"]!.GetValue<string>()), r["reason"]!.GetValue<string>()))];

    public sealed record Dataset(Guid P1, Guid P2, Guid P3, Guid P4, Guid P5, Guid Customer);

    /// <summary>
    /// Analytics with one order history (its own host: best sellers are global): P1 with P2 in 3 orders, with P3 in 2,
    /// with P4 in 1; P2 alone in 5; the customer bought P1 in size 42 and viewed P5. P3's size 42 and P4 are sold out.
    /// </summary>
    public sealed class Host() : AnalyticsHost(TestDatabases.Sqlite)
    {
        private readonly SemaphoreSlim _seeding = new(1, 1);
        private Dataset? _data;

        public async Task<Dataset> DataAsync()
        {
            await _seeding.WaitAsync();
            try
            {
                return _data ??= await SeedAsync();
            }
            finally
            {
                _seeding.Release();
            }
        }

        private async Task<Dataset> SeedAsync()
        {
            var data = new Dataset(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
            var now = Clock.GetUtcNow();
            (Guid Product, string Sku, string Size, long Stock)[] skus =
            [
                (data.P1, "p1-42", "42", 3), (data.P2, "p2-42", "42", 5), (data.P3, "p3-42", "42", 0), (data.P3, "p3-44", "44", 6),
                (data.P4, "p4-42", "42", 0), (data.P5, "p5-42", "42", 2),
            ];
            // The storefront names each SKU's product and size when it is added to a cart.
            await SendEventsAsync([.. skus.Select(s => Usage.Event(EventTypes.AddedToCart, now.AddMinutes(-30), productId: s.Product, sku: s.Sku, size: s.Size))]);
            foreach (var (_, sku, _, stock) in skus)
                (await DeliverAsync("/events/inventory/stock-changed", new StockChanged { Sku = sku, Location = "main", TotalAvailable = stock, Available = stock, Reason = "adjusted", OccurredAt = now.AddMinutes(-20) }))
                    .Should().Be("SUCCESS");

            var orders = Enumerable.Repeat(new[] { "p1-42", "p2-42" }, 3)
                .Concat(Enumerable.Repeat(new[] { "p1-42", "p3-44" }, 2))
                .Concat([["p1-42", "p4-42"]])
                .Concat(Enumerable.Repeat(new[] { "p2-42" }, 5));
            foreach (var lines in orders) await PayAsync(Guid.CreateVersion7(), now.AddMinutes(-10), lines);
            await PayAsync(data.Customer, now.AddMinutes(-5), ["p1-42"]);
            await SendEventsAsync(Usage.Event(EventTypes.ProductViewed, now.AddMinutes(-1), userId: data.Customer, productId: data.P5));
            return data;
        }

        private async Task PayAsync(Guid userId, DateTimeOffset at, string[] skus) =>
            (await DeliverAsync("/events/ordering/order-paid", new OrderPaid
            {
                OrderId = Guid.CreateVersion7(),
                UserId = userId,
                TotalMinor = 10_000 * skus.Length,
                Currency = "EUR",
                OccurredAt = at,
                Lines = [.. skus.Select(s => new PaidLine(s, 1, 10_000, 10_000))],
            })).Should().Be("SUCCESS");
    }
}
