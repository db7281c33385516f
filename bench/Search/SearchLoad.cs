using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceOfSport.Search.Benchmarks;

// A closed-loop load driver for the shop's search path: --concurrency clients each send the next request of a
// Zipf-distributed mix as soon as the last one answered, for --duration seconds after --warmup seconds.
// Usage: dotnet run -c Release --project bench/Search -- [--target gateway|sidecar|app] [--duration 30] [--warmup 5]
//        [--concurrency 16] [--apq] [--shapes search,product,category] [--seed 1] [--gateway URL] [--sidecar URL] [--app URL]
var options = LoadOptions.Parse(args);
using var handler = new SocketsHttpHandler
{
    UseProxy = false,
    UseCookies = false,
    AutomaticDecompression = DecompressionMethods.None,
    MaxConnectionsPerServer = options.Concurrency,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
};
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

Console.WriteLine($"Reading the catalog at {options.App} to build the mix...");
var catalog = await CatalogSample.ReadAsync(http, options.App);
var mix = new RequestMix(catalog, options.Seed, options.Shapes);
Console.WriteLine($"Mix: {catalog.ProductSlugs.Count} product pages, {catalog.CategorySlugs.Count} category pages, {mix.DistinctSearches} distinct searches "
    + $"(terms from {catalog.Words.Count} words of product names, typos, facet filters, sorts, pages), Zipf s = {RequestMix.ZipfExponent}.");

var endpoint = options.Target switch
{
    "gateway" => new Uri(options.Gateway, "/graphql/catalog"),
    "sidecar" => new Uri(options.Sidecar, "/v1.0/invoke/catalog/method/graphql"),
    "app" => new Uri(options.App, "/graphql"),
    _ => throw new ArgumentException($"--target {options.Target}: gateway, sidecar or app"),
};
var processes = HopProcesses.Find(options);
Console.WriteLine($"Target: {options.Target} ({endpoint}), {options.Concurrency} concurrent clients, {(options.Apq ? "persisted queries by hash (APQ)" : "full query text")}; "
    + $"processes: {string.Join(", ", processes.Select(p => $"{p.Name} pid {p.Pid}"))}.");

var runner = new LoadRunner(http, endpoint, mix, options);
await runner.RunAsync(TimeSpan.FromSeconds(options.Warmup), record: false);
var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
var cpuBefore = processes.Select(p => p.CpuTime()).ToArray();
var driverBefore = Process.GetCurrentProcess().TotalProcessorTime;
var stopwatch = Stopwatch.StartNew();
var report = await runner.RunAsync(TimeSpan.FromSeconds(options.Duration), record: true);
stopwatch.Stop();
var driverCpu = Process.GetCurrentProcess().TotalProcessorTime - driverBefore;
var cpu = processes.Select((p, i) => p.CpuTime() - cpuBefore[i]).ToArray();
var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];

var total = report.Values.Sum(s => s.Latencies.Count);
var errors = report.Values.Sum(s => s.Errors);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"\n{options.Target}, {options.Concurrency} clients, {stopwatch.Elapsed.TotalSeconds:F0} s, load average {load} → {loadAfter}: {total / stopwatch.Elapsed.TotalSeconds:F0} requests/s, {errors} errors\n"));
Console.WriteLine("| shape | requests | per second | p50 ms | p90 ms | p99 ms | p99.9 ms | errors |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
var all = new ShapeStats();
foreach (var (shape, stats) in report.OrderBy(r => r.Key))
{
    Console.WriteLine(stats.Row(shape, stopwatch.Elapsed));
    all.Latencies.AddRange(stats.Latencies);
    all.Errors += stats.Errors;
}

Console.WriteLine(all.Row("all", stopwatch.Elapsed));
Console.WriteLine("\nCPU time per request, by process (the hop it is):\n");
Console.WriteLine("| process | CPU ms/s | CPU µs per request |");
Console.WriteLine("|---|---:|---:|");
foreach (var (process, used) in processes.Zip(cpu).Append((new HopProcess("load driver", Environment.ProcessId), driverCpu)))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {process.Name} | {used.TotalMilliseconds / stopwatch.Elapsed.TotalSeconds:F0} | {used.TotalMicroseconds / Math.Max(1, total):F0} |"));
}

/// <summary>Command-line options; the default addresses are those of bench.search.yaml at the repository root.</summary>
internal sealed record LoadOptions(string Target, Uri Gateway, Uri Sidecar, Uri App, int Duration, int Warmup, int Concurrency, bool Apq, string[] Shapes, int Seed)
{
    public static LoadOptions Parse(string[] args)
    {
        string Text(string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        int Number(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new LoadOptions(
            Text("--target", "gateway"),
            new Uri(Text("--gateway", "http://127.0.0.1:18080")),
            new Uri(Text("--sidecar", "http://127.0.0.1:13500")),
            new Uri(Text("--app", "http://127.0.0.1:15101")),
            Number("--duration", 30),
            Number("--warmup", 5),
            Number("--concurrency", 16),
            args.Contains("--apq"),
            Text("--shapes", "search,product,category").Split(','),
            Number("--seed", 1));
    }
}

namespace SpaceOfSport.Search.Benchmarks
{
    /// <summary>What the mix is drawn from: read once from the catalog app before the run.</summary>
    internal sealed record CatalogSample(List<string> ProductSlugs, List<string> ProductNames, List<string> CategorySlugs, List<string> Words,
        List<string> Brands, List<string> Sports, List<string> Sizes, List<string> Colours)
    {
        public static async Task<CatalogSample> ReadAsync(HttpClient http, Uri app)
        {
            var graphql = new Uri(app, "/graphql");
            async Task<JsonNode> QueryAsync(string query, object? variables = null)
            {
                using var response = await http.PostAsync(graphql, JsonContent(new { query, variables }));
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                if (body["errors"] is not null) throw new InvalidOperationException(body.ToJsonString());
                return body["data"]!;
            }

            var facets = (await QueryAsync("{ search(first: 1) { facets { categories { value } brands { value } sports { value } sizes { value } colours { value } } } }"))["search"]!["facets"]!;
            List<string> Values(string facet) => [.. facets[facet]!.AsArray().Select(v => v!["value"]!.GetValue<string>())];

            List<string> slugs = [], names = [];
            string? after = null;
            do
            {
                var page = (await QueryAsync("query($after: String) { search(first: 100, after: $after, sort: NEWEST) { nodes { slug name } pageInfo { endCursor hasNextPage } } }", new { after }))["search"]!;
                foreach (var node in page["nodes"]!.AsArray())
                {
                    slugs.Add(node!["slug"]!.GetValue<string>());
                    names.Add(node["name"]!.GetValue<string>());
                }

                after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            }
            while (after is not null);

            var words = names.SelectMany(n => n.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(w => w.Length >= 3 && w.All(char.IsLetter)).Distinct().Order(StringComparer.Ordinal).ToList();
            // Every category holding products (the category facet of match-all: its value is the slug).
            return new CatalogSample(slugs, names, Values("categories"), words, Values("brands"), Values("sports"), Values("sizes"), Values("colours"));
        }

        public static StringContent JsonContent(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
    }

    /// <summary>One request of the mix: its shape (for the report), the full body, and the APQ bodies (hash only, then hash and query).</summary>
    internal sealed record MixRequest(string Shape, byte[] Body, byte[] HashOnlyBody);

    /// <summary>
    /// The storefront's own GraphQL documents (services/storefront/lib/catalog.ts) with the variables a shopper's clicks
    /// give them. Three kinds of page, each Zipf-distributed over its own items (a few popular, a long tail): searches
    /// (45%: text from product names, a quarter with a typo, facet filters, sorts, later pages), product pages (40%),
    /// category pages (15%: the category, then its listing).
    /// </summary>
    internal sealed class RequestMix
    {
        public const double ZipfExponent = 1.0;
        public const int PageSize = 24;

        private const string SummaryFields = "id slug name brand { slug name } images price { amountMinor currency } listPrice { amountMinor currency } onSale inStock";
        private const string FacetFields = "value label count";

        public const string SearchDocument = $$"""
            query Search($query: String, $filters: SearchFilter, $sort: SearchSort, $first: Int, $after: String) {
              search(query: $query, filters: $filters, sort: $sort, first: $first, after: $after) {
                totalCount
                nodes { {{SummaryFields}} }
                pageInfo { endCursor hasNextPage }
                facets { categories { {{FacetFields}} } brands { {{FacetFields}} } sports { {{FacetFields}} } sizes { {{FacetFields}} }
                         colours { {{FacetFields}} } priceBands { {{FacetFields}} } inStock { {{FacetFields}} } }
              }
            }
            """;

        public const string ProductDocument = $$"""
            query Product($slug: String!) {
              product(slug: $slug) {
                {{SummaryFields}} number description ageGroup
                category { slug name breadcrumbs { slug name } }
                attributes { name value }
                variants { id sku size colour price { amountMinor currency } listPrice { amountMinor currency } compareAtPrice { amountMinor currency } inStock }
              }
            }
            """;

        public const string CategoryDocument = """
            query Category($slug: String!) {
              category(slug: $slug) { id slug name depth children { slug name } breadcrumbs { slug name } }
            }
            """;

        private readonly MixRequest[] _searches;
        private readonly MixRequest[] _products;
        private readonly MixRequest[][] _categoryPages;
        private readonly Zipf _searchRank, _productRank, _categoryRank;
        private readonly double[] _kindWeights;

        public RequestMix(CatalogSample catalog, int seed, string[] shapes)
        {
            var random = new Random(seed);
            var searches = new Dictionary<string, object>();
            while (searches.Count < 600)
            {
                var variables = RandomSearch(catalog, random);
                searches.TryAdd(JsonSerializer.Serialize(variables), variables);
            }

            _searches = [.. searches.Values.Select(v => Request("search", "Search", SearchDocument, v))];
            _products = [.. catalog.ProductSlugs.Select(slug => Request("product", "Product", ProductDocument, new { slug }))];
            _categoryPages = [.. catalog.CategorySlugs.Select(slug => new[]
            {
                Request("category", "Category", CategoryDocument, new { slug }),
                Request("category listing", "Search", SearchDocument, new { query = (string?)null, filters = new { category = slug }, sort = "RELEVANCE", first = PageSize, after = (string?)null }),
            })];
            // Popularity is not alphabetical: ranks are a seeded shuffle of each list.
            random.Shuffle(_searches);
            random.Shuffle(_products);
            random.Shuffle(_categoryPages);
            _searchRank = new Zipf(_searches.Length);
            _productRank = new Zipf(_products.Length);
            _categoryRank = new Zipf(_categoryPages.Length);
            _kindWeights = [shapes.Contains("search") ? 0.45 : 0, shapes.Contains("product") ? 0.40 : 0, shapes.Contains("category") ? 0.15 : 0];
        }

        public int DistinctSearches => _searches.Length;

        /// <summary>The requests of the next page a shopper opens (a category page is two).</summary>
        public MixRequest[] Next(Random random)
        {
            var pick = random.NextDouble() * _kindWeights.Sum();
            if ((pick -= _kindWeights[0]) < 0) return [_searches[_searchRank.Next(random)]];
            if ((pick -= _kindWeights[1]) < 0) return [_products[_productRank.Next(random)]];
            return _categoryPages[_categoryRank.Next(random)];
        }

        private static object RandomSearch(CatalogSample catalog, Random random)
        {
            string? text = null;
            if (random.NextDouble() < 0.75)
            {
                var name = catalog.ProductNames[random.Next(catalog.ProductNames.Count)].ToLowerInvariant().Split(' ');
                var words = random.NextDouble() < 0.6 ? [name[random.Next(name.Length)]] : name.Skip(random.Next(Math.Max(1, name.Length - 1))).Take(2).ToArray();
                text = string.Join(' ', words.Select(w => random.NextDouble() < 0.25 ? Typo(w, random) : w));
            }

            string[]? Some(List<string> values, double probability) =>
                random.NextDouble() < probability ? [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => values[random.Next(values.Count)]).Distinct()] : null;
            var minPrice = random.NextDouble() < 0.15 ? random.Next(1, 8) * 2500 : (int?)null;
            var filters = new
            {
                category = random.NextDouble() < 0.25 ? catalog.CategorySlugs[random.Next(catalog.CategorySlugs.Count)] : null,
                brands = Some(catalog.Brands, 0.2),
                sports = Some(catalog.Sports, 0.2),
                sizes = Some(catalog.Sizes, 0.2),
                colours = Some(catalog.Colours, 0.15),
                minPrice,
                maxPrice = minPrice + 5000,
                inStock = random.NextDouble() < 0.3 ? true : (bool?)null,
            };
            string[] sorts = ["PRICE_ASC", "PRICE_DESC", "NEWEST", "BEST_SELLING"];
            var sort = text is not null && random.NextDouble() < 0.7 ? "RELEVANCE" : sorts[random.Next(sorts.Length)];
            var page = random.NextDouble() switch { < 0.8 => 1, < 0.95 => 2, _ => 3 };
            // Cursors are what a previous page's pageInfo.endCursor gave; the driver writes them itself to skip that page.
            var after = page == 1 ? null : Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"search:{(page - 1) * PageSize}"));
            return new { query = text, filters, sort, first = PageSize, after };
        }

        /// <summary>One slip of the finger: a swapped pair, a dropped letter or a doubled one.</summary>
        private static string Typo(string word, Random random)
        {
            if (word.Length < 4) return word;
            var at = random.Next(1, word.Length - 1);
            return random.Next(3) switch
            {
                0 => string.Concat(word.AsSpan(0, at), word.AsSpan(at + 1, 1), word.AsSpan(at, 1), word.AsSpan(at + 2)),
                1 => word.Remove(at, 1),
                _ => word.Insert(at, word[at].ToString()),
            };
        }

        private static MixRequest Request(string shape, string operationName, string document, object variables)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
            var extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } };
            return new MixRequest(shape,
                JsonSerializer.SerializeToUtf8Bytes(new { query = document, operationName, variables, extensions }),
                JsonSerializer.SerializeToUtf8Bytes(new { operationName, variables, extensions }));
        }
    }

    /// <summary>Ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s, drawn by binary search over the cumulative weights.</summary>
    internal sealed class Zipf
    {
        private readonly double[] _cumulative;

        public Zipf(int count)
        {
            _cumulative = new double[count];
            var sum = 0.0;
            for (var i = 0; i < count; i++) _cumulative[i] = sum += 1 / Math.Pow(i + 1, RequestMix.ZipfExponent);
        }

        public int Next(Random random)
        {
            var at = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
            return Math.Min(at < 0 ? ~at : at, _cumulative.Length - 1);
        }
    }

    internal sealed class ShapeStats
    {
        public List<double> Latencies { get; } = [];

        public int Errors { get; set; }

        public string Row(string shape, TimeSpan elapsed)
        {
            Latencies.Sort();
            double At(double quantile) => Latencies.Count == 0 ? 0 : Latencies[Math.Min(Latencies.Count - 1, (int)(Latencies.Count * quantile))];
            return string.Create(CultureInfo.InvariantCulture,
                $"| {shape} | {Latencies.Count:N0} | {Latencies.Count / elapsed.TotalSeconds:F0} | {At(0.5):F1} | {At(0.9):F1} | {At(0.99):F1} | {At(0.999):F1} | {Errors} |");
        }
    }

    /// <summary>The closed loop: each client sends the requests of one page after another, until the time is up.</summary>
    internal sealed class LoadRunner(HttpClient http, Uri endpoint, RequestMix mix, LoadOptions options)
    {
        private static readonly byte[] ErrorsKey = "\"errors\""u8.ToArray();
        private static readonly byte[] PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"u8.ToArray();
        private int _clientSeed = options.Seed * 1000;

        public async Task<Dictionary<string, ShapeStats>> RunAsync(TimeSpan duration, bool record)
        {
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var clients = await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(() => ClientAsync(until, new Random(Interlocked.Increment(ref _clientSeed))))));
            var merged = new Dictionary<string, ShapeStats>();
            if (!record) return merged;
            foreach (var (shape, stats) in clients.SelectMany(c => c))
            {
                var into = merged.TryGetValue(shape, out var found) ? found : merged[shape] = new ShapeStats();
                into.Latencies.AddRange(stats.Latencies);
                into.Errors += stats.Errors;
            }

            return merged;
        }

        private async Task<Dictionary<string, ShapeStats>> ClientAsync(long until, Random random)
        {
            var stats = new Dictionary<string, ShapeStats>();
            while (Stopwatch.GetTimestamp() < until)
            {
                foreach (var request in mix.Next(random))
                {
                    var started = Stopwatch.GetTimestamp();
                    var ok = await SendAsync(request);
                    var shape = stats.TryGetValue(request.Shape, out var found) ? found : stats[request.Shape] = new ShapeStats();
                    if (ok) shape.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    else shape.Errors++;
                }
            }

            return stats;
        }

        /// <summary>True for a 200 without GraphQL errors. With APQ, as Apollo Client does: the hash alone, then hash and query when the server does not know it.</summary>
        private async Task<bool> SendAsync(MixRequest request)
        {
            try
            {
                var (status, body) = await PostAsync(options.Apq ? request.HashOnlyBody : request.Body);
                if (options.Apq && body.AsSpan().IndexOf(PersistedQueryNotFound) >= 0) (status, body) = await PostAsync(request.Body);
                return status == HttpStatusCode.OK && body.AsSpan().IndexOf(ErrorsKey) < 0;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        private async Task<(HttpStatusCode, byte[])> PostAsync(byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync(endpoint, content);
            return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
        }
    }

    internal sealed record HopProcess(string Name, int Pid)
    {
        /// <summary>User plus system CPU time from /proc (clock ticks of 10 ms): a busy machine stretches wall time, not this.</summary>
        public TimeSpan CpuTime()
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
    }

    /// <summary>The processes behind the hops, found by the ports they listen on (Linux: ss).</summary>
    internal static class HopProcesses
    {
        public static List<HopProcess> Find(LoadOptions options)
        {
            List<HopProcess> found = [];
            foreach (var (name, port) in new[] { ("gateway", options.Gateway.Port), ("local runtime (every sidecar)", options.Sidecar.Port), ("catalog", options.App.Port) })
            {
                var ss = Process.Start(new ProcessStartInfo("ss", $"-ltnpH sport = :{port}") { RedirectStandardOutput = true })!;
                var line = ss.StandardOutput.ReadToEnd();
                ss.WaitForExit();
                var at = line.IndexOf("pid=", StringComparison.Ordinal);
                if (at < 0) continue;
                var end = line.IndexOf(',', at);
                found.Add(new HopProcess(name, int.Parse(line.AsSpan(at + 4, end - at - 4), CultureInfo.InvariantCulture)));
            }

            return found;
        }
    }
}
