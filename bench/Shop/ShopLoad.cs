using System.Diagnostics;
using System.Globalization;
using SpaceOfSport.Search.Benchmarks;
using SpaceOfSport.Shop.Benchmarks;

// Whole-shop load generator, open model: shoppers arrive at --rate per second (Poisson arrivals, independent of how
// fast the shop answers) for --duration seconds, each on a journey of steps through the gateway; every step's latency
// counts from when it was due, so a slow shop cannot slow the arrivals down and hide its own latency.
// Usage: dotnet run -c Release --project bench/Shop -- [--rate 10] [--duration 60] [--warmup 10] [--think-ms 500]
//        [--gateway http://127.0.0.1:8080] [--addresses 250] [--max-in-flight 5000] [--seed 1]
var options = ShopOptions.Parse(args);
using var clients = new ShopClients(options.Addresses);

Console.WriteLine($"Reading the catalog through the gateway at {options.Gateway} to build the mix...");
var graphql = new Uri(options.Gateway, "/graphql/catalog");
var catalog = await CatalogSample.ReadAsync(clients.Setup, graphql);
var mix = new RequestMix(catalog, options.Seed, ["search", "product", "category"]);
Console.WriteLine($"Mix: {catalog.ProductSlugs.Count} product pages, {catalog.CategorySlugs.Count} category pages, {mix.DistinctSearches} distinct searches, Zipf s = {RequestMix.ZipfExponent}; "
    + $"shoppers from {options.Addresses} loopback addresses; journeys: {string.Join(", ", Journeys.Weights.Select(w => $"{w.Journey} {w.Share:P0}"))}.");

var accounts = new AccountPool(options.Seed);
var shared = new ShopperContext(clients, graphql, options.Gateway, mix, accounts, options);
var arrivals = new ArrivalSchedule(shared);
Console.WriteLine($"Warm-up: {options.Warmup} s at {options.Rate}/s (not recorded)...");
await arrivals.RunAsync(TimeSpan.FromSeconds(options.Warmup), recorder: null);

var recorder = new StepRecorder();
var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];
var cpuBefore = MachineCpu.Read();
var stopwatch = Stopwatch.StartNew();
var run = await arrivals.RunAsync(TimeSpan.FromSeconds(options.Duration), recorder);
var arrivalsSeconds = stopwatch.Elapsed.TotalSeconds;
var cpu = MachineCpu.Read() - cpuBefore;
var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

    Open model: {options.Rate}/s shoppers for {arrivalsSeconds:F0} s (think time {options.ThinkMs} ms), load average {loadBefore} → {loadAfter}, machine CPU busy {cpu:P0}.
    Shoppers: {run.Arrived} arrived, {run.Finished} finished, {run.NotStarted} not started (driver over --max-in-flight), {run.Unfinished} still running at the end (abandoned).
    Checkouts: {recorder.Count(Steps.Pay)} cards accepted ({recorder.Count(Steps.Pay) / arrivalsSeconds:F2}/s), {recorder.Count(Steps.Paid)} of the members' orders seen paid. Latency counts from when each step was due (coordinated-omission safe).

    """));
Console.WriteLine(recorder.Report(arrivalsSeconds));
Console.WriteLine(recorder.ErrorReport());

/// <summary>Command-line options; the gateway default is the README's first command (dapr.yaml).</summary>
internal sealed record ShopOptions(Uri Gateway, double Rate, int Duration, int Warmup, int ThinkMs, int Addresses, int MaxInFlight, int Seed)
{
    public static ShopOptions Parse(string[] args)
    {
        string Text(string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        double Number(string name, double fallback) => double.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var options = new ShopOptions(
            new Uri(Text("--gateway", "http://127.0.0.1:8080")),
            Number("--rate", 10),
            (int)Number("--duration", 60),
            (int)Number("--warmup", 10),
            (int)Number("--think-ms", 500),
            (int)Number("--addresses", 250),
            (int)Number("--max-in-flight", 5000),
            (int)Number("--seed", 1));
        if (options.Rate <= 0 || options.Duration <= 0 || options.Addresses is < 1 or > 250 * 254)
            throw new ArgumentException("--rate and --duration must be positive, --addresses between 1 and 63,500");
        return options;
    }
}

namespace SpaceOfSport.Shop.Benchmarks
{
    /// <summary>The machine's busy share of all CPUs from /proc/stat: the shop, its runtime, the driver and anything else running.</summary>
    internal readonly record struct MachineCpu(long Busy, long Total)
    {
        public static MachineCpu Read()
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4];
            return new MachineCpu(fields.Sum() - idle, fields.Sum());
        }

        public static double operator -(MachineCpu after, MachineCpu before) =>
            after.Total == before.Total ? 0 : (double)(after.Busy - before.Busy) / (after.Total - before.Total);
    }

    /// <summary>Outcome of one run of arrivals.</summary>
    internal sealed record ArrivalRun(int Arrived, int Finished, int NotStarted, int Unfinished);

    /// <summary>
    /// The open model: arrival times are drawn in advance (exponential gaps, mean 1/rate) and each shopper starts at
    /// its own time whatever the shop is doing; a shopper that is late to start records the delay in its first step.
    /// </summary>
    internal sealed class ArrivalSchedule(ShopperContext context)
    {
        private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);
        private readonly Random _random = new(context.Options.Seed);
        private int _shopperSeed = context.Options.Seed * 1_000_000;

        public async Task<ArrivalRun> RunAsync(TimeSpan duration, StepRecorder? recorder)
        {
            var start = Stopwatch.GetTimestamp();
            var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var running = new List<Task>();
            int arrived = 0, notStarted = 0, inFlight = 0;
            var due = start;
            while (true)
            {
                due += (long)(-Math.Log(1 - _random.NextDouble()) / context.Options.Rate * Stopwatch.Frequency);
                if (due >= end) break;
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                arrived++;
                if (Volatile.Read(ref inFlight) >= context.Options.MaxInFlight)
                {
                    notStarted++;
                    continue;
                }

                Interlocked.Increment(ref inFlight);
                var shopper = new Shopper(context, recorder, new Random(Interlocked.Increment(ref _shopperSeed)), due);
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await shopper.RunAsync();
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }));
            }

            var all = Task.WhenAll(running);
            await Task.WhenAny(all, Task.Delay(Drain));
            var unfinished = running.Count(t => !t.IsCompleted);
            return new ArrivalRun(arrived, running.Count - unfinished, notStarted, unfinished);
        }
    }
}
