extern alias inventory;

using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using LocalDapr;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts.Inventory.V1;
using SpaceOfSport.TestSupport;
using InventoryProgram = inventory::Program;

namespace SpaceOfSport.Inventory.Benchmarks;

/// <summary>
/// Reservations per second through the real service (gRPC over h2c, local sidecar, in-memory pubsub for the outbox):
/// one hot SKU, and spread over many SKUs. Usage: <c>dotnet run -c Release --project bench/Inventory [sqlite|postgres]... [--requests N] [--concurrency C]</c>.
/// </summary>
internal static class ReservationLoad
{
    public static async Task<int> Main(string[] args)
    {
        TestComponents.UseServiceContentRoot("Inventory");
        var providers = args.Where(a => a is "sqlite" or "postgres").DefaultIfEmpty("sqlite").ToList();
        var requests = Option(args, "--requests", 2000);
        var concurrency = Option(args, "--concurrency", 32);
        Console.WriteLine($"{Environment.ProcessorCount} cores, {requests} reservations per run, concurrency {concurrency}");
        Console.WriteLine("| database | scenario | reservations/s | p50 ms | p99 ms | refused |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var provider in providers)
        {
            await using var runtime = LocalDaprRuntime.Create();
            var components = await TestComponents.CreateFolderAsync("inventory-bench", TestComponents.InMemoryPubSub);
            var connectionString = provider == "postgres"
                ? await PostgresServer.CreateDatabaseAsync("inventory_bench")
                : $"Data Source={Path.Combine(components, "inventory.db")}";
            await using var host = await ServiceHost<InventoryProgram>.StartAsync(runtime, "inventory", [components], new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:inventory"] = connectionString,
                ["Logging:LogLevel:Default"] = "Warning",
            }, http2: true);
            await using var identity = await TestIdentity.StartAsync(runtime, [components]);
            // Stock is put in by Adjust, a staff method (staff token); reservations come from services, without one.
            var staffToken = identity.IssueToken("bench", [Permissions.InventoryAdjust], ["staff"]);
            var staff = new Contracts.Inventory.V1.Inventory.InventoryClient(GrpcChannel.ForAddress(host.Address, new GrpcChannelOptions
            {
                Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("Authorization", $"Bearer {staffToken}");
                    return Task.CompletedTask;
                })),
                UnsafeUseInsecureChannelCallCredentials = true,
            }));
            var client = new Contracts.Inventory.V1.Inventory.InventoryClient(host.CreateGrpcChannel());

            var hot = $"HOT-{Guid.NewGuid():N}";
            await staff.AdjustAsync(new AdjustRequest { Sku = hot, Location = "main", Delta = 1_000_000, Reason = "bench" });
            var spread = new string[500];
            for (var i = 0; i < spread.Length; i++)
            {
                spread[i] = $"SPREAD-{i:D4}-{Guid.NewGuid():N}"[..40];
                await staff.AdjustAsync(new AdjustRequest { Sku = spread[i], Location = "main", Delta = 100_000, Reason = "bench" });
            }

            // Warm-up: JIT, connection pools, SQLite page cache.
            await RunAsync(client, _ => hot, 200, concurrency);
            Report(provider, "one hot SKU", await RunAsync(client, _ => hot, requests, concurrency));
            Report(provider, $"spread over {spread.Length} SKUs", await RunAsync(client, i => spread[i % spread.Length], requests, concurrency));
        }
        return 0;
    }

    private sealed record Result(double PerSecond, double P50, double P99, int Refused);

    private static async Task<Result> RunAsync(Contracts.Inventory.V1.Inventory.InventoryClient client, Func<int, string> sku, int requests, int concurrency)
    {
        var latencies = new double[requests];
        var next = -1;
        var refused = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var request = new ReserveRequest { ReservationId = Guid.CreateVersion7().ToString() };
                request.Lines.Add(new ReservationLine { Sku = sku(i), Quantity = 1 });
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await client.ReserveAsync(request);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref refused);
                }
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        total.Stop();
        Array.Sort(latencies);
        return new Result(requests / total.Elapsed.TotalSeconds, latencies[requests / 2], latencies[(int)(requests * 0.99)], refused);
    }

    private static void Report(string provider, string scenario, Result result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {scenario} | {result.PerSecond:0} | {result.P50:0.0} | {result.P99:0.0} | {result.Refused} |"));

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
