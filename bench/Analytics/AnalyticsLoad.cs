extern alias analytics;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalDapr;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.TestSupport;
using StandardWebhooks;
using AnalyticsProgram = analytics::Program;

namespace SpaceOfSport.Analytics.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Analytics [ingest seconds, default 10]</c>. Analytics (SQLite) beside a local
/// sidecar: (1) usage events ingested per second, batches of 500, 1 and 4 senders; (2) a deterministic 90-day history
/// (Random(42): 300 products in 30 bundles, about 150 orders a day, 80 days delivered as order-paid events, the last 10
/// held out), the products' catalog facts (5 top categories, 15 sub-categories, 20 brands, 6 sports), 9 flash sales and
/// 500 usage events a day from 3,000 visitors; (3) report latency p50/p99; (4) recommendation latency p50/p99; (5) hit rate@10 and
/// coverage of <c>recommendations(productId)</c> on the held-out orders (seed = one product, hit = another product of the
/// order in the top 10) against the training set's best sellers.
/// </summary>
public static class AnalyticsLoad
{
    private const string Secret = "whsec_YmVuY2htYXJrLW9ubHktYW5hbHl0aWNzLXNlY3JldCE=";
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public static async Task Main(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        Console.WriteLine($"Processors: {Environment.ProcessorCount}; ingest phase: {seconds} s");
        var components = await TestComponents.CreateFolderAsync("analytics-bench", TestComponents.InMemoryPubSub);
        var secrets = Path.Combine(components, "secrets.json");
        await File.WriteAllTextAsync(secrets, JsonSerializer.Serialize(new { analytics = new { webhookSecret = Secret } }));
        await File.WriteAllTextAsync(Path.Combine(components, "secretstore.yaml"), TestComponents.LocalFileSecretStore(secrets));
        TestComponents.UseServiceContentRoot("Analytics");
        await using var runtime = LocalDaprRuntime.Create();
        await using var identity = await TestIdentity.StartAsync(runtime, [components]);
        await using var catalog = await TestCatalog.StartAsync(runtime, [components]);
        await using var service = await ServiceHost<AnalyticsProgram>.StartAsync(runtime, "analytics", [components], new Dictionary<string, string?>
        {
            ["ConnectionStrings:analytics"] = $"Data Source={Path.Combine(components, "analytics.db")}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Analytics:Collection:MaxEventAge"] = "100.00:00:00",
        });
        using var http = service.CreateHttpClient();
        var staff = identity.IssueToken(Guid.NewGuid().ToString(), permissions: [Permissions.ReportsRead], roles: ["staff"]);

        // (1) Ingestion.
        foreach (var senders in new[] { 1, 4 })
        {
            var events = 0L;
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
            {
                while (stopwatch.Elapsed.TotalSeconds < seconds)
                {
                    var now = DateTimeOffset.UtcNow;
                    await SendAsync(http, [.. Enumerable.Range(0, 500).Select(i => UsageEvent(i % 3 == 0 ? "search-performed" : "product-viewed", now, i))]);
                    Interlocked.Add(ref events, 500);
                }
            }));
            Console.WriteLine($"Ingest, batches of 500, {senders} sender(s): {events / stopwatch.Elapsed.TotalSeconds:F0} events/s");
        }

        // (2) The 90-day dataset.
        var random = new Random(42);
        var products = Enumerable.Range(0, 300).Select(_ => Guid.CreateVersion7()).ToArray();
        var sku = products.ToDictionary(p => p, p => $"BENCH-{p:N}"[..22]);
        var start = DateTimeOffset.UtcNow.Date.AddDays(-90);
        for (var i = 0; i < products.Length; i += 100)
            await SendAsync(http, [.. products.Skip(i).Take(100).Select(p => new { id = Guid.CreateVersion7(), type = "added-to-cart", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), visitorId = "bench", productId = p, sku = sku[p], size = "42", quantity = 1 })]);
        await DescribeCatalogAsync(http, catalog, products, sku, random);
        await SeedUsageAndFlashSalesAsync(http, products, start, random);
        var train = new List<Guid[]>();
        var heldOut = new List<Guid[]>();
        var seeding = Stopwatch.StartNew();
        for (var day = 0; day < 90; day++)
        {
            for (var n = 0; n < 150; n++)
            {
                var order = SimulatedOrder(random, products);
                if (day >= 80)
                {
                    heldOut.Add(order);
                    continue;
                }
                train.Add(order);
                var at = new DateTimeOffset(start.AddDays(day).AddMinutes(random.Next(24 * 60)), TimeSpan.Zero);
                using var response = await http.PostAsJsonAsync("/events/ordering/order-paid", new OrderPaid
                {
                    OrderId = Guid.CreateVersion7(),
                    UserId = Guid.CreateVersion7(),
                    Currency = "EUR",
                    TotalMinor = order.Length * 5_000,
                    OccurredAt = at,
                    Lines = [.. order.Select(p => new PaidLine(sku[p], 1, 5_000, 5_000))],
                }, Json);
                response.EnsureSuccessStatusCode();
            }
        }
        Console.WriteLine($"Seeded {train.Count} paid orders one event per request in {seeding.Elapsed.TotalSeconds:F0} s ({train.Count / seeding.Elapsed.TotalSeconds:F0}/s)");

        // (3) Reports over the 90 days.
        var variables = new { from = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = start.AddDays(89).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        foreach (var (name, query) in new[]
        {
            ("sales by week, UTC", "query($from: DateOnly!, $to: DateOnly!) { sales(from: $from, to: $to, period: WEEK) { totals { orders } previous { orders } series { start totals { orders } } } }"),
            ("sales by day, Europe/Berlin", "query($from: DateOnly!, $to: DateOnly!) { sales(from: $from, to: $to, timeZone: \"Europe/Berlin\") { totals { orders } series { start } } }"),
            ("funnel, UTC", "query($from: DateOnly!, $to: DateOnly!) { funnel(from: $from, to: $to) { stage count } }"),
            ("best sellers, UTC", "query($from: DateOnly!, $to: DateOnly!) { bestSellers(from: $from, to: $to, first: 20) { sku units } }"),
            ("sales by top-level category", "query($from: DateOnly!, $to: DateOnly!) { salesBreakdown(from: $from, to: $to, by: CATEGORY) { id units } }"),
            ("sales by brand", "query($from: DateOnly!, $to: DateOnly!) { salesBreakdown(from: $from, to: $to, by: BRAND) { id units } }"),
            ("sales by sport", "query($from: DateOnly!, $to: DateOnly!) { salesBreakdown(from: $from, to: $to, by: SPORT) { id units } }"),
            ("flash sales", "query($from: DateOnly!, $to: DateOnly!) { flashSales(from: $from, to: $to) { name orders units sellThroughMinutes } }"),
            ("visitor funnel (raw events)", "query($from: DateOnly!, $to: DateOnly!) { visitorFunnel(from: $from, to: $to) { stage count } }"),
            ("page views", "query($from: DateOnly!, $to: DateOnly!) { pageViews(from: $from, to: $to, first: 20) { path views } }"),
        })
        {
            var latencies = await TimeAsync(200, () => GraphQLAsync(http, query, variables, staff));
            Console.WriteLine($"Report {name} over 90 days: p50 {Percentile(latencies, 0.5):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms");
        }

        // (4) Recommendation latency, and (5) the offline evaluation.
        var recommend = "query($id: ID!) { recommendations(productId: $id, first: 10) { productId } }";
        var recLatencies = await TimeAsync(500, () => GraphQLAsync(http, recommend, new { id = products[random.Next(products.Length)] }, null));
        Console.WriteLine($"recommendations(productId, first: 10): p50 {Percentile(recLatencies, 0.5):F1} ms, p99 {Percentile(recLatencies, 0.99):F1} ms");

        var bestSellers = train.SelectMany(o => o).GroupBy(p => p).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).ToList();
        var (modelHits, baselineHits, cases) = (0, 0, 0);
        var shown = new HashSet<Guid>();
        var baselineShown = new HashSet<Guid>();
        foreach (var order in heldOut.Where(o => o.Length >= 2))
        {
            var seed = order[0];
            var hidden = order.Skip(1).ToHashSet();
            var answer = await GraphQLAsync(http, recommend, new { id = seed }, null);
            var top = answer["data"]!["recommendations"]!.AsArray().Select(r => Guid.Parse(r!["productId"]!.GetValue<string>())).ToList();
            var baseline = bestSellers.Where(p => p != seed).Take(10).ToList();
            shown.UnionWith(top);
            baselineShown.UnionWith(baseline);
            cases++;
            if (top.Any(hidden.Contains)) modelHits++;
            if (baseline.Any(hidden.Contains)) baselineHits++;
        }
        Console.WriteLine($"Offline evaluation on {cases} held-out orders with 2+ products (train {train.Count} orders):");
        Console.WriteLine($"  co-purchase lift: hit rate@10 {(double)modelHits / cases:P1}, coverage {(double)shown.Count / products.Length:P1}");
        Console.WriteLine($"  best sellers:     hit rate@10 {(double)baselineHits / cases:P1}, coverage {(double)baselineShown.Count / products.Length:P1}");
        Directory.Delete(components, recursive: true);
    }

    /// <summary>Each product's facts in the stand-in catalog, announced as the catalog announces a change.</summary>
    private static async Task DescribeCatalogAsync(HttpClient http, TestCatalog catalog, Guid[] products, Dictionary<Guid, string> sku, Random random)
    {
        var tops = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToArray();
        var subs = Enumerable.Range(0, 15).Select(_ => Guid.CreateVersion7()).ToArray();
        var brands = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToArray();
        var sports = Enumerable.Range(0, 6).Select(_ => Guid.CreateVersion7()).ToArray();
        for (var i = 0; i < subs.Length; i++) catalog.AddCategoryPath(tops[i % tops.Length], subs[i]);
        var announcing = Stopwatch.StartNew();
        for (var i = 0; i < products.Length; i++)
        {
            var bundle = i / 10;
            catalog.SetProduct(products[i], brands[i % brands.Length], subs[bundle % subs.Length], [sports[bundle % sports.Length]], 2_000 + random.Next(20_000),
                variants: (Guid.CreateVersion7(), sku[products[i]], "42"));
            using var response = await http.PostAsJsonAsync("/events/catalog/product-changed", new ProductChanged
            {
                ProductId = products[i],
                Slug = $"bench-{i}",
                Name = $"Bench product {i}",
                Status = "active",
                Skus = [sku[products[i]]],
                OccurredAt = DateTimeOffset.UtcNow,
            }, Json);
            response.EnsureSuccessStatusCode();
        }
        Console.WriteLine($"Announced {products.Length} products (each read back from the catalog) in {announcing.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>500 usage events a day (3,000 visitors, a funnel's shape) and a 6-hour flash sale every 10 days.</summary>
    private static async Task SeedUsageAndFlashSalesAsync(HttpClient http, Guid[] products, DateTimeOffset start, Random random)
    {
        string[] paths = ["/", "/c/running", "/search", "/cart", "/checkout"];
        for (var day = 0; day < 90; day++)
        {
            var events = Enumerable.Range(0, 500).Select(i =>
            {
                var at = start.AddDays(day).AddMinutes(random.Next(24 * 60));
                var visitor = $"v{random.Next(3_000)}";
                var product = products[random.Next(products.Length)];
                return (i % 10) switch
                {
                    < 5 => (object)new { id = Guid.CreateVersion7(), type = "page-viewed", occurredAt = at, visitorId = visitor, path = paths[random.Next(paths.Length)] },
                    < 8 => new { id = Guid.CreateVersion7(), type = "product-viewed", occurredAt = at, visitorId = visitor, productId = product },
                    < 9 => new { id = Guid.CreateVersion7(), type = "added-to-cart", occurredAt = at, visitorId = visitor, productId = product, sku = $"BENCH-{product:N}"[..22], quantity = 1 },
                    _ => new { id = Guid.CreateVersion7(), type = "checkout-started", occurredAt = at, visitorId = visitor },
                };
            }).ToArray();
            await SendAsync(http, events);
        }
        for (var sale = 0; sale < 9; sale++)
        {
            var starts = start.AddDays(sale * 10 + 5).AddHours(18);
            using var response = await http.PostAsJsonAsync("/events/catalog/flash-sale-started", new FlashSaleStarted
            {
                FlashSaleId = Guid.CreateVersion7(),
                Name = $"Bench sale {sale}",
                ProductIds = [.. products.Skip(sale * 10).Take(10)],
                VariantIds = [],
                PercentOff = 20,
                StartsAt = starts,
                EndsAt = starts.AddHours(6),
                OccurredAt = starts,
            }, Json);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// One order: a bundle (30 of 10 products each, popularity falling as 1/rank), 1 to 3 of its products, and with
    /// probability 0.3 one product from anywhere (noise).
    /// </summary>
    private static Guid[] SimulatedOrder(Random random, Guid[] products)
    {
        var weights = Enumerable.Range(1, 30).Select(rank => 1.0 / rank).ToArray();
        var pick = random.NextDouble() * weights.Sum();
        var bundle = 0;
        while (pick > weights[bundle]) pick -= weights[bundle++];
        var members = products.Skip(bundle * 10).Take(10).ToArray();
        var order = members.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        if (random.NextDouble() < 0.3) order.Add(products[random.Next(products.Length)]);
        return [.. order.Distinct()];
    }

    private static object UsageEvent(string type, DateTimeOffset at, int i) => type == "search-performed"
        ? new { id = Guid.CreateVersion7(), type, occurredAt = at, visitorId = $"v{i % 97}", query = $"query {i % 50}", resultCount = i % 7 }
        : new { id = Guid.CreateVersion7(), type, occurredAt = at, visitorId = $"v{i % 97}", productId = Guid.CreateVersion7() };

    private static async Task SendAsync(HttpClient http, object[] events)
    {
        var payload = JsonSerializer.Serialize(new { events }, Json);
        var id = $"msg_{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/events") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(Secret).Sign(id, at, payload));
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"batch refused: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonNode> GraphQLAsync(HttpClient http, string query, object variables, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (body["errors"] is not null) throw new InvalidOperationException(body.ToJsonString());
        return body;
    }

    private static async Task<List<double>> TimeAsync(int times, Func<Task> call)
    {
        await call();
        var latencies = new List<double>(times);
        for (var i = 0; i < times; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await call();
            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
