using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceOfSport.Search.Benchmarks;

// A closed-loop load driver for the shop's search path: --concurrency clients each send the next request of a
// Zipf-distributed mix as soon as the last one answered, for --duration seconds after --warmup seconds.
// Usage: dotnet run -c Release --project bench/Search -- [--target gateway|sidecar|app] [--duration 30] [--warmup 5]
//        [--concurrency 16] [--apq] [--shapes search,product,category] [--seed 1] [--stock-churn 0] [--gateway URL] [--sidecar URL] [--app URL]
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

// Through the gateway: the catalog app itself answers only its sidecar (the app API token).
Console.WriteLine($"Reading the catalog through {options.Gateway} to build the mix...");
var catalog = await CatalogSample.ReadAsync(http, new Uri(options.Gateway, "/graphql/catalog"));
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
using var stopChurn = new CancellationTokenSource();
var churn = options.StockChurn > 0 ? await StockChurn.StartAsync(http, options, mix, stopChurn.Token) : null;
if (churn is not null) Console.WriteLine($"Stock churn: {options.StockChurn} SKUs a second go in or out of stock ({churn.Skus} SKUs of {catalog.ProductSlugs.Count} products, drawn by page popularity).");
await runner.RunAsync(TimeSpan.FromSeconds(options.Warmup), record: false);
var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
var cpuBefore = processes.Select(p => p.CpuTime()).ToArray();
var driverBefore = Process.GetCurrentProcess().TotalProcessorTime;
var stopwatch = Stopwatch.StartNew();
var report = await runner.RunAsync(TimeSpan.FromSeconds(options.Duration), record: true);
stopwatch.Stop();
var driverCpu = Process.GetCurrentProcess().TotalProcessorTime - driverBefore;
await stopChurn.CancelAsync();
var flips = churn is null ? 0 : await churn.StopAsync();
var cpu = processes.Select((p, i) => p.CpuTime() - cpuBefore[i]).ToArray();
var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];

var total = report.Values.Sum(s => s.Latencies.Count);
var errors = report.Values.Sum(s => s.Errors);
var churned = churn is null ? "" : $", {flips} stock flips sent during warm-up and run";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"\n{options.Target}, {options.Concurrency} clients, {stopwatch.Elapsed.TotalSeconds:F0} s, load average {load} → {loadAfter}: {total / stopwatch.Elapsed.TotalSeconds:F0} requests/s, {errors} errors{churned}\n"));
Console.WriteLine("| shape | requests | per second | p50 ms | p90 ms | p99 ms | p99.9 ms | errors | answer cache hits |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
var all = new ShapeStats();
foreach (var (shape, stats) in report.OrderBy(r => r.Key))
{
    Console.WriteLine(stats.Row(shape, stopwatch.Elapsed));
    all.Latencies.AddRange(stats.Latencies);
    all.Errors += stats.Errors;
    all.Hits += stats.Hits;
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
internal sealed record LoadOptions(string Target, Uri Gateway, Uri Sidecar, Uri App, int Duration, int Warmup, int Concurrency, bool Apq, string[] Shapes, int Seed, int StockChurn)
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
            Number("--seed", 1),
            Number("--stock-churn", 0));
    }
}

namespace SpaceOfSport.Search.Benchmarks
{
    internal sealed class ShapeStats
    {
        public List<double> Latencies { get; } = [];

        public int Errors { get; set; }

        /// <summary>Answers the catalog gave from its answer cache (<c>Cache-Status: graphql; hit</c>).</summary>
        public int Hits { get; set; }

        public string Row(string shape, TimeSpan elapsed)
        {
            Latencies.Sort();
            double At(double quantile) => Latencies.Count == 0 ? 0 : Latencies[Math.Min(Latencies.Count - 1, (int)(Latencies.Count * quantile))];
            return string.Create(CultureInfo.InvariantCulture,
                $"| {shape} | {Latencies.Count:N0} | {Latencies.Count / elapsed.TotalSeconds:F0} | {At(0.5):F1} | {At(0.9):F1} | {At(0.99):F1} | {At(0.999):F1} | {Errors} | {(double)Hits / Math.Max(1, Latencies.Count):P0} |");
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
                into.Hits += stats.Hits;
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
                    var (ok, hit) = await SendAsync(request);
                    var shape = stats.TryGetValue(request.Shape, out var found) ? found : stats[request.Shape] = new ShapeStats();
                    if (ok) shape.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    else shape.Errors++;
                    if (hit) shape.Hits++;
                }
            }

            return stats;
        }

        /// <summary>
        /// Ok: a 200 without GraphQL errors; hit: the catalog answered from its answer cache. With APQ, as Apollo Client
        /// does: the hash alone, then hash and query when the server does not know it.
        /// </summary>
        private async Task<(bool Ok, bool Hit)> SendAsync(MixRequest request)
        {
            try
            {
                var (status, body, hit) = await PostAsync(options.Apq ? request.HashOnlyBody : request.Body);
                if (options.Apq && body.AsSpan().IndexOf(PersistedQueryNotFound) >= 0) (status, body, hit) = await PostAsync(request.Body);
                return (status == HttpStatusCode.OK && body.AsSpan().IndexOf(ErrorsKey) < 0, hit);
            }
            catch (HttpRequestException)
            {
                return (false, false);
            }
        }

        private async Task<(HttpStatusCode, byte[], bool)> PostAsync(byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync(endpoint, content);
            var hit = response.Headers.TryGetValues("Cache-Status", out var status) && status.Contains("graphql; hit");
            return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), hit);
        }
    }

    /// <summary>
    /// Stock moving as shoppers buy: <c>--stock-churn</c> times a second, a SKU of a product drawn by page popularity goes
    /// out of stock (or back in, when the churn sold it out before), sent to the catalog app as inventory's stock-changed
    /// event would arrive (the bench stack's catalog takes calls without an app token).
    /// </summary>
    internal sealed class StockChurn
    {
        private readonly Dictionary<string, List<(string Sku, bool InStock)>> _variants;
        private readonly Task<int> _running;

        private StockChurn(Dictionary<string, List<(string Sku, bool InStock)>> variants, Func<StockChurn, Task<int>> run)
        {
            _variants = variants;
            _running = run(this);
        }

        public int Skus => _variants.Values.Sum(v => v.Count);

        public static async Task<StockChurn> StartAsync(HttpClient http, LoadOptions options, RequestMix mix, CancellationToken stop)
        {
            var variants = await ReadVariantsAsync(http, new Uri(options.Gateway, "/graphql/catalog"));
            var events = new Uri(options.App, "/events/inventory/stock-changed");
            return new StockChurn(variants, churn => churn.RunAsync(http, events, mix, options, stop));
        }

        /// <summary>Waits for the churn to stop; the number of flips sent.</summary>
        public Task<int> StopAsync() => _running;

        private async Task<int> RunAsync(HttpClient http, Uri events, RequestMix mix, LoadOptions options, CancellationToken stop)
        {
            var random = new Random(options.Seed * 7919);
            var sent = 0;
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / options.StockChurn));
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    var product = _variants.GetValueOrDefault(mix.NextProductSlug(random));
                    if (product is not { Count: > 0 }) continue;
                    var pick = random.Next(product.Count);
                    var (sku, inStock) = product[pick];
                    product[pick] = (sku, !inStock);
                    var body = JsonSerializer.Serialize(new
                    {
                        id = Guid.NewGuid(),
                        occurredAt = DateTimeOffset.UtcNow,
                        sku,
                        location = "main",
                        totalAvailable = inStock ? 0 : 5,
                        reason = "bench",
                    });
                    using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(events, content, stop);
                    response.EnsureSuccessStatusCode();
                    sent++;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The run is over.
            }

            return sent;
        }

        private static async Task<Dictionary<string, List<(string Sku, bool InStock)>>> ReadVariantsAsync(HttpClient http, Uri graphql)
        {
            var variants = new Dictionary<string, List<(string, bool)>>(StringComparer.Ordinal);
            string? after = null;
            do
            {
                using var response = await http.PostAsync(graphql, CatalogSample.JsonContent(new
                {
                    query = "query($after: String) { search(first: 25, after: $after, sort: NEWEST) { nodes { slug variants { sku inStock } } pageInfo { endCursor hasNextPage } } }",
                    variables = new { after },
                }));
                var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["search"]!;
                foreach (var node in page["nodes"]!.AsArray())
                {
                    variants[node!["slug"]!.GetValue<string>()] = [.. node["variants"]!.AsArray()
                        .Select(v => (v!["sku"]!.GetValue<string>(), v["inStock"]!.GetValue<bool>()))];
                }

                after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            }
            while (after is not null);

            return variants;
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
