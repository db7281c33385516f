extern alias analytics;
using System.Text.Json.Nodes;
using SpaceOfSport.Analytics.Tests.Infrastructure;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Cart;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Contracts.Events.Payments;
using SpaceOfSport.TestSupport;
using EventTypes = analytics::SpaceOfSport.Analytics.Events.EventTypes;

namespace SpaceOfSport.Analytics.Tests;

/// <summary>
/// Every report over GraphQL on a known dataset (business events delivered as the sidecar delivers them, usage events
/// through the signed webhook), on days no other test uses; and who may read them. On SQLite and PostgreSQL: the
/// reports group and sum in SQL.
/// </summary>
public abstract class ReportTests(AnalyticsHost host)
{
    [Fact]
    public async Task Sales_by_day_in_one_currency_with_the_previous_period_to_compare()
    {
        var data = await SeedAsync();

        var sales = (await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) { sales(from: $from, to: $to, currency: "EUR") {
              totals { revenue { amountMinor currency } orders averageOrderValue { amountMinor } units }
              previous { revenue { amountMinor } orders units }
              revenueChange ordersChange
              series { start totals { revenue { amountMinor } orders units averageOrderValue { amountMinor } } } } }
            """, data.Range))["sales"]!;

        Totals(sales["totals"]!).Should().Be((18_000, 3, 6_000, 7));
        sales["totals"]!["revenue"]!["currency"]!.GetValue<string>().Should().Be("EUR");
        (sales["previous"]!["revenue"]!["amountMinor"]!.GetValue<long>(), sales["previous"]!["orders"]!.GetValue<long>()).Should().Be((9_000, 1));
        sales["revenueChange"]!.GetValue<double>().Should().Be(1.0);
        sales["ordersChange"]!.GetValue<double>().Should().Be(2.0);
        sales["series"]!.AsArray().Select(b => (b!["start"]!.GetValue<string>(), Totals(b["totals"]!)))
            .Should().Equal((Day(data.Day0), (15_000L, 2L, 7_500L, 4L)), (Day(data.Day0.AddDays(1)), (3_000L, 1L, 3_000L, 3L)));
    }

    [Fact]
    public async Task Sales_group_by_the_local_day_of_the_time_zone_asked_for()
    {
        var day = AnalyticsHost.OwnDays(3);
        var lateEvening = new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 30)), TimeSpan.Zero); // 00:30 the next day in Berlin (winter)
        await PayAsync(lateEvening, 4_200, "EUR", ("TZ-1", 1, 4_200));

        var query = """
            query($from: DateOnly!, $to: DateOnly!, $tz: String!) { sales(from: $from, to: $to, timeZone: $tz) { series { start totals { orders } } } }
            """;
        var utc = (await host.ReportAsync(query, new { from = Day(day), to = Day(day.AddDays(1)), tz = "UTC" }))["sales"]!["series"]!.AsArray();
        var berlin = (await host.ReportAsync(query, new { from = Day(day), to = Day(day.AddDays(1)), tz = "Europe/Berlin" }))["sales"]!["series"]!.AsArray();

        utc.Select(b => b!["start"]!.GetValue<string>()).Should().Equal(Day(day));
        berlin.Select(b => b!["start"]!.GetValue<string>()).Should().Equal(Day(day.AddDays(1)));
    }

    [Fact]
    public async Task Sales_by_month_put_every_day_in_its_month()
    {
        var data = await SeedAsync();

        var series = (await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) { sales(from: $from, to: $to, period: MONTH) { series { start totals { orders } } } }
            """, data.Range))["sales"]!["series"]!.AsArray();

        series.Select(b => b!["start"]!.GetValue<string>()).Should().OnlyContain(start => start.EndsWith("-01", StringComparison.Ordinal));
        series.Sum(b => b!["totals"]!["orders"]!.GetValue<long>()).Should().Be(3);
    }

    [Fact]
    public async Task The_funnel_counts_each_step_with_its_rates()
    {
        var data = await SeedAsync();

        var stages = (await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) { funnel(from: $from, to: $to) { stage count rateFromPrevious rateFromFirst } }
            """, data.Range))["funnel"]!.AsArray();

        stages.Select(s => (s!["stage"]!.GetValue<string>(), s["count"]!.GetValue<long>())).Should().Equal(("viewed", 10L), ("added", 6L), ("checkout", 5L), ("paid", 4L));
        stages[0]!["rateFromPrevious"].Should().BeNull();
        stages.Skip(1).Select(s => s!["rateFromPrevious"]!.GetValue<double>()).Should().Equal(0.6, 5.0 / 6, 0.8);
        stages[3]!["rateFromFirst"]!.GetValue<double>().Should().Be(0.4);
    }

    [Fact]
    public async Task The_visitor_funnel_counts_distinct_visitors_at_each_step_then_distinct_buyers()
    {
        var day = AnalyticsHost.OwnDays(1);
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var (v1, v2, v3, v4) = ("v-" + Guid.NewGuid().ToString("N")[..10], "v-" + Guid.NewGuid().ToString("N")[..10], "v-" + Guid.NewGuid().ToString("N")[..10], "v-" + Guid.NewGuid().ToString("N")[..10]);
        await host.SendEventsAsync(
            Usage.Event(EventTypes.PageViewed, at, v1, path: "/"), Usage.Event(EventTypes.ProductViewed, at, v1, productId: Guid.CreateVersion7()),
            Usage.Event(EventTypes.AddedToCart, at, v1, productId: Guid.CreateVersion7(), sku: "FUNNEL-1"), Usage.Event(EventTypes.CheckoutStarted, at, v1),
            Usage.Event(EventTypes.CheckoutStarted, at, v1),
            Usage.Event(EventTypes.PageViewed, at, v2, path: "/"), Usage.Event(EventTypes.PageViewed, at, v2, path: "/cart"),
            Usage.Event(EventTypes.ProductViewed, at, v2, productId: Guid.CreateVersion7()), Usage.Event(EventTypes.ProductViewed, at, v2, productId: Guid.CreateVersion7()),
            Usage.Event(EventTypes.PageViewed, at, v3, path: "/"),
            Usage.Event(EventTypes.ProductViewed, at, v4, productId: Guid.CreateVersion7()));
        var customer = Guid.CreateVersion7();
        await PayAsync(at, 1_000, "EUR", customer, ("FUNNEL-1", 1, 1_000));
        await PayAsync(at.AddHours(1), 1_000, "EUR", customer, ("FUNNEL-1", 1, 1_000));
        await PayAsync(at.AddHours(2), 1_000, "EUR", Guid.Empty, ("FUNNEL-1", 1, 1_000)); // a guest

        var stages = (await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) { visitorFunnel(from: $from, to: $to) { stage count rateFromPrevious rateFromFirst } }
            """, new { from = Day(day), to = Day(day) }))["visitorFunnel"]!.AsArray();

        stages.Select(s => (s!["stage"]!.GetValue<string>(), s["count"]!.GetValue<long>()))
            .Should().Equal(("visited", 3L), ("viewed", 3L), ("added", 1L), ("checkout", 1L), ("paid", 2L));
        stages[2]!["rateFromPrevious"]!.GetValue<double>().Should().BeApproximately(1.0 / 3, 1e-9);
        stages[4]!["rateFromFirst"]!.GetValue<double>().Should().BeApproximately(2.0 / 3, 1e-9);
    }

    [Fact]
    public async Task Page_views_by_path_and_how_often_recommendations_shown_were_clicked()
    {
        var day = AnalyticsHost.OwnDays(1);
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var product = Guid.CreateVersion7();
        await host.SendEventsAsync([
            .. Enumerable.Range(0, 3).Select(_ => Usage.Event(EventTypes.PageViewed, at, path: "/p/trail-runner")),
            Usage.Event(EventTypes.PageViewed, at, path: "/cart?coupon=SECRET"),
            Usage.Event(EventTypes.PageViewed, at, path: "/"),
            Usage.Event(EventTypes.PageViewed, at, path: "/"),
            .. Enumerable.Range(0, 4).Select(_ => Usage.Event(EventTypes.RecommendationShown, at, productId: product)),
            Usage.Event(EventTypes.RecommendationClicked, at, productId: product),
        ]);

        var report = await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) {
              pageViews(from: $from, to: $to, first: 2) { path views }
              all: pageViews(from: $from, to: $to, first: 10) { path views }
              recommendationPerformance(from: $from, to: $to) { shown clicked clickThroughRate } }
            """, new { from = Day(day), to = Day(day) });

        report["pageViews"]!.AsArray().Select(p => (p!["path"]!.GetValue<string>(), p["views"]!.GetValue<long>())).Should().Equal(("/p/trail-runner", 3L), ("/", 2L));
        report["all"]!.AsArray().Select(p => p!["path"]!.GetValue<string>()).Should().Contain("/cart").And.NotContain(p => p.Contains('?'));
        var performance = report["recommendationPerformance"]!;
        (performance["shown"]!.GetValue<long>(), performance["clicked"]!.GetValue<long>(), performance["clickThroughRate"]!.GetValue<double>()).Should().Be((4, 1, 0.25));
    }

    [Fact]
    public async Task Sales_break_down_by_category_at_a_depth_by_brand_and_by_sport()
    {
        var day = AnalyticsHost.OwnDays(1);
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (root1, child1, leaf1, child2, root2) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var (brand1, brand2, sport1, sport2) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        host.Catalog.AddCategoryPath(root1, child1, leaf1);
        host.Catalog.AddCategoryPath(root1, child2);
        host.Catalog.AddCategoryPath(root2);
        var (p1, p2, p3) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        host.Catalog.SetProduct(p1, brand1, leaf1, [sport1, sport2], 5_000, variants: (Guid.CreateVersion7(), $"{marker}-1", "42"));
        host.Catalog.SetProduct(p2, brand2, child2, [sport1], 3_000, variants: (Guid.CreateVersion7(), $"{marker}-2", "M"));
        host.Catalog.SetProduct(p3, brand1, root2, [], 2_000, variants: (Guid.CreateVersion7(), $"{marker}-3", "One size"));
        foreach (var product in new[] { p1, p2, p3 }) await host.AnnounceProductAsync(product, at.AddHours(-1));
        await PayAsync(at, 13_000, "EUR", ($"{marker}-1", 2, 10_000), ($"{marker}-2", 1, 3_000));
        await PayAsync(at, 2_500, "EUR", ($"{marker}-3", 1, 2_000), ($"{marker}-unknown", 1, 500));

        var report = await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) {
              top: salesBreakdown(from: $from, to: $to, by: CATEGORY) { id units revenue { amountMinor } }
              second: salesBreakdown(from: $from, to: $to, by: CATEGORY, categoryDepth: 2) { id units revenue { amountMinor } }
              brands: salesBreakdown(from: $from, to: $to, by: BRAND) { id units revenue { amountMinor } }
              sports: salesBreakdown(from: $from, to: $to, by: SPORT) { id units revenue { amountMinor } } }
            """, new { from = Day(day), to = Day(day) });

        Rows(report["top"]!).Should().Equal((root1, 3L, 13_000L), (root2, 1L, 2_000L), (null, 1L, 500L));
        Rows(report["second"]!).Should().Equal((child1, 2L, 10_000L), (child2, 1L, 3_000L), (root2, 1L, 2_000L), (null, 1L, 500L));
        Rows(report["brands"]!).Should().Equal((brand1, 3L, 12_000L), (brand2, 1L, 3_000L), (null, 1L, 500L));
        Rows(report["sports"]!).Should().Equal((sport1, 3L, 13_000L), (sport2, 2L, 10_000L), (null, 2L, 2_500L));

        static List<(Guid?, long, long)> Rows(JsonNode rows) => [.. rows.AsArray().Select(r => (
            r!["id"] is { } id ? Guid.Parse(id.GetValue<string>()) : (Guid?)null, r["units"]!.GetValue<long>(), r["revenue"]!["amountMinor"]!.GetValue<long>()))];
    }

    [Fact]
    public async Task A_flash_sale_reports_what_it_covered_sold_while_it_ran_and_its_sell_through_time()
    {
        var day = AnalyticsHost.OwnDays(1);
        var starts = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (onSale, partly, other, variantOnSale) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var category = Guid.CreateVersion7();
        host.Catalog.AddCategoryPath(category);
        host.Catalog.SetProduct(onSale, Guid.CreateVersion7(), category, [], 5_000, variants: (Guid.CreateVersion7(), $"{marker}-A", "42"));
        host.Catalog.SetProduct(partly, Guid.CreateVersion7(), category, [], 3_000, variants: [(variantOnSale, $"{marker}-B1", "M"), (Guid.CreateVersion7(), $"{marker}-B2", "L")]);
        host.Catalog.SetProduct(other, Guid.CreateVersion7(), category, [], 2_000, variants: (Guid.CreateVersion7(), $"{marker}-C", "M"));
        foreach (var product in new[] { onSale, partly, other }) await host.AnnounceProductAsync(product, starts.AddHours(-2));
        var saleId = Guid.CreateVersion7();
        (await host.DeliverAsync("/events/catalog/flash-sale-started", new FlashSaleStarted
        {
            FlashSaleId = saleId,
            Name = $"{marker} midnight madness",
            ProductIds = [onSale],
            VariantIds = [variantOnSale],
            PercentOff = 30,
            StartsAt = starts,
            EndsAt = starts.AddHours(4),
            OccurredAt = starts,
        })).Should().Be("SUCCESS");

        await PayAsync(starts.AddHours(-1), 5_000, "EUR", ($"{marker}-A", 1, 5_000)); // before it started
        await PayAsync(starts.AddHours(1), 5_500, "EUR", ($"{marker}-A", 1, 3_500), ($"{marker}-C", 1, 2_000));
        await PayAsync(starts.AddHours(2), 4_200, "EUR", ($"{marker}-B1", 2, 4_200), ($"{marker}-B2", 1, 3_000));
        await PayAsync(starts.AddHours(5), 2_100, "EUR", ($"{marker}-B1", 1, 2_100)); // after it ended
        await StockAsync($"{marker}-A", 4, starts.AddHours(-3));
        await StockAsync($"{marker}-B1", 4, starts.AddHours(-3));
        await StockAsync($"{marker}-A", 0, starts.AddMinutes(90));
        await StockAsync($"{marker}-B1", 0, starts.AddMinutes(150));

        var sale = (await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) { flashSales(from: $from, to: $to) {
              id name orders units revenue { amountMinor } skus skusSoldOut sellThroughMinutes } }
            """, new { from = Day(day), to = Day(day) }))["flashSales"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == saleId.ToString())!;

        sale["name"]!.GetValue<string>().Should().Be($"{marker} midnight madness");
        (sale["orders"]!.GetValue<long>(), sale["units"]!.GetValue<long>(), sale["revenue"]!["amountMinor"]!.GetValue<long>()).Should().Be((2, 3, 7_700));
        (sale["skus"]!.GetValue<int>(), sale["skusSoldOut"]!.GetValue<int>()).Should().Be((2, 2));
        sale["sellThroughMinutes"]!.GetValue<double>().Should().Be(150);
    }

    [Fact]
    public async Task Cart_abandonment_rate_and_value_at_last_known_prices()
    {
        var data = await SeedAsync();

        var abandonment = (await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) { cartAbandonment(from: $from, to: $to) { abandoned ordersPaid rate value { amountMinor currency } } }
            """, data.Range))["cartAbandonment"]!;

        abandonment["abandoned"]!.GetValue<long>().Should().Be(1);
        abandonment["ordersPaid"]!.GetValue<long>().Should().Be(4);
        abandonment["rate"]!.GetValue<double>().Should().Be(0.2);
        abandonment["value"]!["amountMinor"]!.GetValue<long>().Should().Be(10_000, "two of A at its last known price (50.00, the latest order charged it), and nothing for a SKU never priced");
    }

    [Fact]
    public async Task Top_searches_and_searches_without_results()
    {
        var data = await SeedAsync();

        var report = await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) {
              topSearches(from: $from, to: $to, first: 10) { query count averageResults }
              searchesWithoutResults(from: $from, to: $to) { query count } }
            """, data.Range);

        report["topSearches"]!.AsArray().Select(t => (t!["query"]!.GetValue<string>(), t["count"]!.GetValue<long>(), t["averageResults"]!.GetValue<double>()))
            .Should().Equal(($"{data.Marker} running shoes", 3L, 4.0), ($"{data.Marker} tent", 2L, 2.0), ($"{data.Marker} yoga mat", 1L, 0.0));
        report["searchesWithoutResults"]!.AsArray().Select(t => (t!["query"]!.GetValue<string>(), t["count"]!.GetValue<long>()))
            .Should().Equal(($"{data.Marker} running shoes", 1L), ($"{data.Marker} yoga mat", 1L));
    }

    [Fact]
    public async Task Best_sellers_by_units_and_slow_movers_among_what_is_in_stock()
    {
        var data = await SeedAsync();

        var report = await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) {
              bestSellers(from: $from, to: $to, first: 10) { sku units revenue { amountMinor } }
              slowMovers(from: $from, to: $to, first: 100) { sku units } }
            """, data.Range);

        report["bestSellers"]!.AsArray().Select(s => (s!["sku"]!.GetValue<string>(), s["units"]!.GetValue<long>(), s["revenue"]!["amountMinor"]!.GetValue<long>()))
            .Should().Equal((data.Sku("A"), 3L, 13_000L), (data.Sku("C"), 3L, 3_000L), (data.Sku("B"), 1L, 2_000L));
        report["slowMovers"]!.AsArray().Select(s => s!["sku"]!.GetValue<string>()).Where(s => s.StartsWith(data.Marker, StringComparison.Ordinal))
            .Should().Equal(data.Sku("D"), data.Sku("E"), data.Sku("B"), data.Sku("A"), data.Sku("C"));
    }

    [Fact]
    public async Task Stock_outs_count_the_days_sold_out_and_ignore_a_late_older_report()
    {
        var data = await SeedAsync();

        var stockOuts = (await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) { stockOuts(from: $from, to: $to, first: 100) { sku soldOutDays periods soldOutNow } }
            """, data.Range))["stockOuts"]!.AsArray().Where(s => s!["sku"]!.GetValue<string>().StartsWith(data.Marker, StringComparison.Ordinal)).ToList();

        stockOuts.Select(s => (s!["sku"]!.GetValue<string>(), s["soldOutDays"]!.GetValue<double>(), s["periods"]!.GetValue<int>(), s["soldOutNow"]!.GetValue<bool>()))
            .Should().Equal((data.Sku("E"), 1.0, 1, false), (data.Sku("F"), 1.0, 1, true));
    }

    [Fact]
    public async Task Refunds_and_the_reasons_given_for_returns()
    {
        var data = await SeedAsync();

        var refunds = (await host.ReportAsync("""
            query($from: DateOnly!, $to: DateOnly!) { refunds(from: $from, to: $to) { refunds amount { amountMinor currency } returnReasons { reason units } } }
            """, data.Range))["refunds"]!;

        refunds["refunds"]!.GetValue<long>().Should().Be(1);
        refunds["amount"]!["amountMinor"]!.GetValue<long>().Should().Be(2_000);
        refunds["returnReasons"]!.AsArray().Select(r => (r!["reason"]!.GetValue<string>(), r["units"]!.GetValue<long>()))
            .Should().Contain([($"{data.Marker} changed mind", 2L), ($"{data.Marker} too small", 2L)]);
    }

    [Fact]
    public async Task A_customer_gets_no_report_and_a_signed_out_caller_is_told_to_sign_in()
    {
        var range = new { from = "2028-01-01", to = "2028-01-31" };
        const string query = "query($from: DateOnly!, $to: DateOnly!) { sales(from: $from, to: $to) { totals { orders } } }";

        var customer = await host.GraphQLAsync(query, range, host.CustomerToken(Guid.CreateVersion7()));
        var anonymous = await host.GraphQLAsync(query, range);

        ErrorCode(customer).Should().Be("FORBIDDEN");
        customer["data"]?["sales"].Should().BeNull();
        ErrorCode(anonymous).Should().Be("UNAUTHENTICATED");
    }

    [Fact]
    public async Task Bad_arguments_and_requests_over_the_complexity_budget_are_errors_not_answers()
    {
        var inverted = await host.GraphQLAsync("{ funnel(from: \"2028-02-01\", to: \"2028-01-01\") { count } }", token: host.StaffToken());
        var badZone = await host.GraphQLAsync("{ funnel(from: \"2028-01-01\", to: \"2028-01-02\", timeZone: \"Mars/Olympus\") { count } }", token: host.StaffToken());
        var aliases = string.Join(" ", Enumerable.Range(0, 60).Select(i => $"b{i}: bestSellers(from: \"2028-01-01\", to: \"2028-01-02\", first: 100) {{ sku units revenue {{ amountMinor currency }} }}"));
        var tooComplex = await host.GraphQLAsync("{ " + aliases + " }", token: host.StaffToken());

        ErrorCode(inverted).Should().Be("BAD_USER_INPUT");
        ErrorCode(badZone).Should().Be("BAD_USER_INPUT");
        ErrorCode(tooComplex).Should().Be("COMPLEXITY");
        tooComplex["data"].Should().BeNull();
    }

    [Fact]
    public async Task An_order_paid_published_twice_through_pub_sub_counts_once()
    {
        var day = AnalyticsHost.OwnDays(2);
        var paid = new OrderPaid
        {
            OrderId = Guid.CreateVersion7(),
            UserId = Guid.CreateVersion7(),
            TotalMinor = 6_100,
            Currency = "EUR",
            OccurredAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero),
            Lines = [new("TWICE-1", 1, 6_100, 6_100)],
        };
        var later = paid with { Id = Guid.CreateVersion7(), OrderId = Guid.CreateVersion7(), OccurredAt = paid.OccurredAt.AddDays(1) };
        using var dapr = host.Service.CreateDaprClient();
        var topic = IntegrationEvent.Topic<OrderPaid>();

        await dapr.PublishEventAsync(DaprComponents.PubSub, topic, paid);
        await dapr.PublishEventAsync(DaprComponents.PubSub, topic, paid);
        await dapr.PublishEventAsync(DaprComponents.PubSub, topic, later);

        const string query = "query($from: DateOnly!, $to: DateOnly!) { sales(from: $from, to: $to) { series { start totals { orders } } } }";
        await Eventually.UntilAsync(async () =>
            (await host.ReportAsync(query, new { from = Day(day), to = Day(day.AddDays(1)) }))["sales"]!["series"]!.AsArray().Count == 2, "both orders are recorded");
        (await host.ReportAsync(query, new { from = Day(day), to = Day(day) }))["sales"]!["series"]![0]!["totals"]!["orders"]!.GetValue<long>().Should().Be(1);
    }

    private static string? ErrorCode(JsonNode body) => body["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    private static (long Revenue, long Orders, long Average, long Units) Totals(JsonNode totals) => (
        totals["revenue"]!["amountMinor"]!.GetValue<long>(), totals["orders"]!.GetValue<long>(), totals["averageOrderValue"]!["amountMinor"]!.GetValue<long>(), totals["units"]!.GetValue<long>());

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Dataset(DateOnly Day0, string Marker)
    {
        public object Range => new { from = Day(Day0), to = Day(Day0.AddDays(2)) };

        public string Sku(string name) => $"{Marker}-{name}";
    }

    /// <summary>
    /// Days 0 to 2 of the range: EUR orders of 150.00 (A×2, B) and 30.00 (C×3), one of 50.00 (A) on day 0, a GBP order,
    /// 90.00 on the day before the range; 10 product views, 6 cart adds, 5 checkouts, searches, an abandoned cart,
    /// a refund, a return, stock reports.
    /// </summary>
    private async Task<Dataset> SeedAsync()
    {
        var data = new Dataset(AnalyticsHost.OwnDays(6).AddDays(3), Guid.NewGuid().ToString("N")[..8]);
        var day0 = new DateTimeOffset(data.Day0.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var (a, b, c, d, e, f) = (data.Sku("A"), data.Sku("B"), data.Sku("C"), data.Sku("D"), data.Sku("E"), data.Sku("F"));

        await host.DeliverAsync("/events/catalog/price-changed", new PriceChanged
        {
            ProductId = Guid.CreateVersion7(),
            VariantId = Guid.CreateVersion7(),
            Sku = a,
            OldPriceMinor = 5_000,
            NewPriceMinor = 4_000,
            Currency = "EUR",
            OccurredAt = day0.AddDays(-2),
        });
        await PayAsync(day0.AddHours(9), 10_000, "EUR", (a, 2, 8_000), (b, 1, 2_000));
        await PayAsync(day0.AddHours(15), 5_000, "EUR", (a, 1, 5_000));
        await PayAsync(day0.AddDays(1).AddHours(10), 3_000, "EUR", (c, 3, 3_000));
        await PayAsync(day0.AddDays(1).AddHours(11), 7_000, "GBP", (data.Sku("G"), 1, 7_000));
        await PayAsync(day0.AddHours(-3), 9_000, "EUR", (a, 1, 9_000));

        var at = day0.AddHours(12);
        await host.SendEventsAsync([
            .. Enumerable.Range(0, 10).Select(_ => Usage.Event(EventTypes.ProductViewed, at, productId: Guid.CreateVersion7())),
            .. Enumerable.Range(0, 6).Select(_ => Usage.Event(EventTypes.AddedToCart, at, productId: Guid.CreateVersion7(), sku: a)),
            .. Enumerable.Range(0, 5).Select(_ => Usage.Event(EventTypes.CheckoutStarted, at)),
            Usage.Event(EventTypes.SearchPerformed, at, query: $"{data.Marker} Running Shoes", resultCount: 5),
            Usage.Event(EventTypes.SearchPerformed, at, query: $"{data.Marker} running  shoes", resultCount: 7),
            Usage.Event(EventTypes.SearchPerformed, at, query: $"{data.Marker} running shoes", resultCount: 0),
            Usage.Event(EventTypes.SearchPerformed, at, query: $"{data.Marker} yoga mat", resultCount: 0),
            Usage.Event(EventTypes.SearchPerformed, at, query: $"{data.Marker} tent", resultCount: 2),
            Usage.Event(EventTypes.SearchPerformed, at, query: $"{data.Marker} tent", resultCount: 2),
        ]);

        await host.DeliverAsync("/events/cart/cart-abandoned", new CartAbandoned
        {
            CartId = Guid.NewGuid().ToString(),
            Version = 3,
            Lines = [new(a, 2), new(data.Sku("X"), 1)],
            LinesTouchedAt = at,
            OccurredAt = day0.AddDays(1).AddHours(20),
        });
        await host.DeliverAsync("/events/payments/refund-succeeded", new RefundSucceeded
        {
            OrderId = Guid.CreateVersion7(),
            PaymentId = Guid.CreateVersion7(),
            RefundId = Guid.CreateVersion7(),
            StripeRefundId = "re_1",
            Amount = 2_000,
            Currency = "EUR",
            TotalRefunded = 2_000,
            OccurredAt = day0.AddDays(1).AddHours(16),
        });
        await host.DeliverAsync("/events/ordering/return-requested", new ReturnRequested
        {
            ReturnId = Guid.CreateVersion7(),
            OrderId = Guid.CreateVersion7(),
            OccurredAt = day0.AddDays(2),
            Lines = [new(a, 1, $"{data.Marker} too small", null), new(b, 1, $"{data.Marker} too small", null), new(c, 2, $"{data.Marker} changed mind", null)],
        });

        foreach (var (sku, available) in new[] { (a, 10L), (b, 5L), (c, 7L), (d, 4L) }) await StockAsync(sku, available, day0);
        await StockAsync(e, 5, day0);
        await StockAsync(e, 0, day0.AddHours(12));
        await StockAsync(e, 3, day0.AddHours(6)); // late and older: ignored
        await StockAsync(e, 2, day0.AddDays(1).AddHours(12));
        await StockAsync(f, 4, day0);
        await StockAsync(f, 0, day0.AddDays(2));
        return data;
    }

    private Task PayAsync(DateTimeOffset at, long total, string currency, params (string Sku, int Quantity, long LineTotal)[] lines) =>
        PayAsync(at, total, currency, Guid.CreateVersion7(), lines);

    private async Task PayAsync(DateTimeOffset at, long total, string currency, Guid userId, params (string Sku, int Quantity, long LineTotal)[] lines) =>
        (await host.DeliverAsync("/events/ordering/order-paid", new OrderPaid
        {
            OrderId = Guid.CreateVersion7(),
            UserId = userId,
            TotalMinor = total,
            Currency = currency,
            OccurredAt = at,
            Lines = [.. lines.Select(l => new PaidLine(l.Sku, l.Quantity, l.LineTotal / l.Quantity, l.LineTotal))],
        })).Should().Be("SUCCESS");

    private async Task StockAsync(string sku, long available, DateTimeOffset at) =>
        (await host.DeliverAsync("/events/inventory/stock-changed", new StockChanged { Sku = sku, Location = "main", TotalAvailable = available, Available = available, Reason = "adjusted", OccurredAt = at }))
            .Should().Be("SUCCESS");
}

public sealed class SqliteReportTests(SqliteAnalyticsHost host) : ReportTests(host), IClassFixture<SqliteAnalyticsHost>;

public sealed class PostgresReportTests(PostgresAnalyticsHost host) : ReportTests(host), IClassFixture<PostgresAnalyticsHost>;
