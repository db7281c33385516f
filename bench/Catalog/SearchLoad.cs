extern alias catalog;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using catalog::SpaceOfSport.Catalog.Products;
using catalog::SpaceOfSport.Catalog.Search;
using catalog::SpaceOfSport.Catalog.Seed;
using catalog::SpaceOfSport.Catalog.Stock;
using LocalDapr;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.TestSupport;

// GraphQL search with facets through the local runtime: the catalog (seeded on SQLite) behind its sidecar, each
// request sent to the sidecar's service invocation API (POST /v1.0/invoke/catalog/method/graphql), fixed concurrency.
// Usage: dotnet run -c Release --project bench/Catalog -- [--products 1200] [--requests 2000] [--concurrency 16]
var products = Option("--products", 1200);
var requests = Option("--requests", 2000);
var concurrency = Option("--concurrency", 16);

if (args.Contains("--index-only"))
{
    // The index alone, built in memory from the seed generator (no database, HTTP, GraphQL or sidecar).
    var seed = new SeedCatalog(products);
    var levels = new StockLevels();
    var brands = seed.Brands.ToDictionary(b => b.Id);
    var categories = seed.Categories.ToDictionary(c => c.Id, CategoryNode.From);
    var sports = seed.Sports.ToDictionary(s => s.Id);
    var documents = seed.Products.Where(p => p.Status == ProductStatus.Active).Select(p => ProductDocument.From(p, brands, categories, levels)).ToList();
    var memoryIndex = new SearchIndex(levels, TimeProvider.System);
    memoryIndex.Swap(new SearchSnapshot(documents, categories.Values, []));

    // What one catalog change costs the index: a new snapshot over every document (the median of five builds).
    var builds = Enumerable.Range(0, 5).Select(_ =>
    {
        var started = Stopwatch.GetTimestamp();
        memoryIndex.Swap(new SearchSnapshot(documents, categories.Values, []));
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Snapshot build (one catalog change): {builds[2]:F0} ms."));
    MeasureIndexes(memoryIndex);
    return;
}

string[] queries =
[
    """{ search(query: "running shoe", first: 20) { totalCount nodes { slug name price { amountMinor } } facets { categories { value count } brands { value count } sports { value count } sizes { value count } colours { value count } priceBands { value count } inStock { value count } } } }""",
    """{ search(query: "runing jaket", first: 20, sort: PRICE_ASC) { totalCount nodes { slug price { amountMinor } } facets { brands { value count } priceBands { value count } } } }""",
    """{ search(filters: { category: "clothing", sizes: ["M"], colours: ["Black"] }, first: 20, sort: BEST_SELLING) { totalCount nodes { slug } facets { categories { value count } sizes { value count } colours { value count } } } }""",
    """{ search(first: 20, sort: NEWEST) { totalCount nodes { slug name } facets { categories { value count } brands { value count } sports { value count } sizes { value count } colours { value count } priceBands { value count } inStock { value count } } } }""",
    """{ search(query: "stridex", filters: { sports: ["running"], minPrice: 5000, maxPrice: 20000 }, first: 20) { totalCount nodes { slug } facets { sizes { value count } } } }""",
];

var components = await TestComponents.CreateFolderAsync("catalog-bench", TestComponents.InMemoryPubSub);
TestComponents.UseServiceContentRoot("Catalog");
await using var runtime = LocalDaprRuntime.Create();
Console.WriteLine($"Seeding {products} products on SQLite and starting the catalog...");
var seedClock = Stopwatch.StartNew();
await using var service = await ServiceHost<catalog::Program>.StartAsync(runtime, "catalog", [components], new Dictionary<string, string?>
{
    ["Database:Provider"] = "sqlite",
    ["Database:Seed"] = "true",
    ["Database:SeedProducts"] = products.ToString(CultureInfo.InvariantCulture),
    ["ConnectionStrings:catalog"] = $"Data Source={Path.Combine(components, "catalog.db")}",
    ["Logging:LogLevel:Default"] = "Warning",
});
var snapshot = service.Services.GetRequiredService<SearchIndex>().Current;
Console.WriteLine($"Ready in {seedClock.Elapsed.TotalSeconds:F1} s: {snapshot.Products.Count} active products, {snapshot.VariantCount} variants in the index.");

// Stock as inventory would report it (about one SKU in twelve sold out), and the seed's product events published, so
// neither the outbox nor missing stock skews what follows.
StockLikeInventory(service.Services.GetRequiredService<StockLevels>(), snapshot);
await using (var scope = service.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<catalog::SpaceOfSport.Catalog.Data.CatalogDbContext>();
    while (await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null) > 0) await Task.Delay(500);
}

MeasureIndexes(service.Services.GetRequiredService<SearchIndex>());

using var client = new HttpClient { BaseAddress = service.Sidecar.HttpEndpoint };
async Task<double> SendAsync(int i)
{
    var body = JsonSerializer.Serialize(new { query = queries[i % queries.Length] });
    var started = Stopwatch.GetTimestamp();
    using var response = await client.PostAsync("/v1.0/invoke/catalog/method/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode || text.Contains("\"errors\"", StringComparison.Ordinal)) throw new InvalidOperationException($"{response.StatusCode}: {text}");
    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

for (var i = 0; i < 100; i++) await SendAsync(i);

var latencies = new double[requests];
var next = -1;
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < requests) latencies[i] = await SendAsync(i);
}));
clock.Stop();
Array.Sort(latencies);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {snapshot.Products.Count:N0} products / {snapshot.VariantCount:N0} variants | {concurrency} | {requests / clock.Elapsed.TotalSeconds:F0} | {latencies[requests / 2]:F1} | {latencies[(int)(requests * 0.99)]:F1} |"));
Directory.Delete(components, recursive: true);

static void StockLikeInventory(StockLevels stock, SearchSnapshot snapshot)
{
    foreach (var sku in snapshot.Products.SelectMany(p => p.Variants).Select(v => v.Sku))
        stock.Set(sku, System.IO.Hashing.XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(sku)) % 12 == 0 ? 0 : 5, 1);
}

// One thread, after warm-up (tiered JIT): wall-clock percentiles, and CPU time per search (the process's, which is this
// loop's: nothing else runs meanwhile), which a busy machine does not inflate.
static void MeasureIndexes(SearchIndex index)
{
    StockLikeInventory(index.Stock, index.Current);
    Console.WriteLine($"Index: {index.Current.Products.Count} active products, {index.Current.VariantCount} variants.");
    Measure(index, "match-all, sorted by newest (every product, all facets)", new SearchQuery { Sort = SearchSort.Newest });
    Measure(index, "two brands + size M + in stock (disjunctive facets)", new SearchQuery { Brands = ["stridex", "pacewell"], Sizes = ["M"], InStock = true });
    Measure(index, "text \"running shoe\"", new SearchQuery { Text = "running shoe" });
}

static void Measure(SearchIndex index, string name, SearchQuery query)
{
    for (var i = 0; i < 30; i++) index.Search(query);
    var times = new double[200];
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < times.Length; i++)
    {
        var started = Stopwatch.GetTimestamp();
        index.Search(query);
        times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    var cpuPerSearch = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / times.Length;
    Array.Sort(times);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {times[100]:F2} | {times[198]:F2} | {cpuPerSearch:F2} |"));
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
