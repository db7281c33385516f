using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using SpaceOfSport.Cart.Tests.Infrastructure;
using SpaceOfSport.Contracts.Cart.V1;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Cart.Benchmarks;

/// <summary>
/// Cart reads and line updates per second through the sidecar (Dapr service invocation, as the gateway calls the
/// cart), on the embedded (SQLite) and Redis state stores; tax calculations per second over gRPC. Usage:
/// <c>dotnet run -c Release --project bench/Cart -- [embedded|redis]... [--requests N] [--concurrency C]</c>.
/// </summary>
internal static class CartLoad
{
    public static async Task<int> Main(string[] args)
    {
        TestComponents.UseServiceContentRoot("Cart");
        var backends = args.Where(a => a is "embedded" or "redis").DefaultIfEmpty("embedded").ToList();
        var requests = Option(args, "--requests", 4000);
        var concurrency = Option(args, "--concurrency", 16);
        Console.WriteLine($"{Environment.ProcessorCount} cores, {requests} requests per run, concurrency {concurrency}");
        Console.WriteLine("| state store | scenario | per second | p50 ms | p99 ms | failed |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var backend in backends)
        {
            await using var host = await CartHost.StartAsync(backend == "embedded" ? CartHost.Sqlite : CartHost.Redis);
            var skus = Enumerable.Range(0, 3).Select(_ => host.Catalog.Shirt().Sku).ToList();
            foreach (var sku in skus) host.Inventory.Set(sku, 1_000_000);

            // One signed-in shopper per concurrent client, each with a three-line cart, calling through the sidecar.
            var clients = new List<HttpClient>();
            for (var c = 0; c < concurrency; c++)
            {
                var client = new HttpClient { BaseAddress = new Uri(host.Service.Sidecar.HttpEndpoint, "/v1.0/invoke/cart/method/") };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Identity.IssueToken(Guid.CreateVersion7().ToString(), lifetime: TimeSpan.FromHours(1)));
                foreach (var sku in skus) (await client.PostAsJsonAsync("api/cart/lines", new { sku, quantity = 1 })).EnsureSuccessStatusCode();
                clients.Add(client);
            }

            async Task<bool> Read(HttpClient client, int _) => (await client.GetAsync("api/cart")).IsSuccessStatusCode;
            async Task<bool> Update(HttpClient client, int i) =>
                (await client.PutAsJsonAsync($"api/cart/lines/{skus[i % skus.Count]}", new { quantity = i % 5 + 1 })).IsSuccessStatusCode;

            await RunAsync(clients, Read, 200);
            Report(backend, "cart read (GET /api/cart)", await RunAsync(clients, Read, requests));
            await RunAsync(clients, Update, 200);
            Report(backend, "line update (PUT /api/cart/lines/{sku})", await RunAsync(clients, Update, requests));

            if (backend == backends[0])
            {
                var taxClients = Enumerable.Range(0, concurrency).Select(_ => new Contracts.Cart.V1.Tax.TaxClient(host.Service.CreateGrpcChannel())).ToList();
                var request = TaxRequest();
                async Task<bool> Tax(Contracts.Cart.V1.Tax.TaxClient client, int _) => (await client.CalculateAsync(request)).TotalTaxMinor > 0;
                await RunAsync(taxClients, Tax, 500);
                Report("-", "tax calculation (gRPC, 5 lines, US-NY)", await RunAsync(taxClients, Tax, requests * 5));
            }
            foreach (var client in clients) client.Dispose();
        }
        return 0;
    }

    private static CalculateTaxRequest TaxRequest()
    {
        var request = new CalculateTaxRequest { Destination = new Destination { Country = "US", Region = "NY", PostalCode = "10001" }, Currency = "EUR" };
        string[] categories = ["footwear", "apparel", "equipment", "apparel", "childrens-apparel"];
        for (var i = 0; i < categories.Length; i++)
            request.Lines.Add(new TaxLine { Id = $"line-{i}", TaxCategory = categories[i], Quantity = i + 1, UnitPriceMinor = 4999 + i * 3000, AmountMinor = (4999 + i * 3000) * (i + 1) });
        return request;
    }

    private sealed record Result(double PerSecond, double P50, double P99, int Failed);

    /// <summary>Client c makes requests c, c+C, c+2C...: each concurrent caller has its own client (and cart).</summary>
    private static async Task<Result> RunAsync<TClient>(IReadOnlyList<TClient> clients, Func<TClient, int, Task<bool>> call, int requests)
    {
        var latencies = new double[requests];
        var next = -1;
        var failed = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (!await call(client, i)) Interlocked.Increment(ref failed);
                }
                catch (Exception exception) when (exception is HttpRequestException or Grpc.Core.RpcException)
                {
                    Interlocked.Increment(ref failed);
                }
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        total.Stop();
        Array.Sort(latencies);
        return new Result(requests / total.Elapsed.TotalSeconds, latencies[requests / 2], latencies[(int)(requests * 0.99)], failed);
    }

    private static void Report(string backend, string scenario, Result result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {backend} | {scenario} | {result.PerSecond:0} | {result.P50:0.0} | {result.P99:0.0} | {result.Failed} |"));

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
