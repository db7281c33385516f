using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using SpaceOfSport.Ordering.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Ordering.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Ordering -- [--checkouts 200] [--concurrency 16] [--buyers 1000] [--units 100]</c>.
/// The checkout's world as the tests start it (embedded profile: SQLite state and workflow stores, in-memory pub/sub):
/// ordering, cart, inventory and payments on Kestrel h2c beside local sidecars on one runtime, the Stripe sandbox paying.
/// Phase 1, checkouts: workers each fill a new customer's cart, place the order, pay it on the sandbox and poll until it
/// is paid; latency = POST /api/orders → the order reads Paid. Phase 2, flash sale: buyers with one unit each in their
/// carts all place at once for a SKU with few units; then the winners pay. Checks exactly as many paid orders as units,
/// no unit oversold, every other buyer answered 409 naming the SKU; reports the placement latency.
/// </summary>
public static class OrderingLoad
{
    public static async Task<int> Main(string[] args)
    {
        var checkouts = Option(args, "--checkouts", 200);
        var concurrency = Option(args, "--concurrency", 16);
        var buyers = Option(args, "--buyers", 1000);
        var units = Option(args, "--units", 100);
        Console.WriteLine($"Processors: {Environment.ProcessorCount}; load average: {LoadAverage()}");
        foreach (var service in new[] { "Ordering", "Cart", "Inventory", "Payments" }) TestComponents.UseServiceContentRoot(service);
        var repository = Path.GetFullPath(Path.Combine(Environment.GetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SPACEOFSPORT_ORDERING")!, "..", ".."));
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_STRIPESANDBOX", Path.Combine(repository, "tools", "StripeSandbox"));
        await using var host = await CheckoutHost.StartAsync(new Dictionary<string, string?> { ["Ordering:Checkout:PlacementWait"] = "00:00:30" });

        await CheckoutsAsync(host, Math.Min(checkouts, 20), concurrency);
        var (latencies, elapsed) = await CheckoutsAsync(host, checkouts, concurrency);
        Console.WriteLine($"Checkouts (place → paid), {concurrency} concurrent: {latencies.Count / elapsed.TotalSeconds:F1}/s; " +
            $"p50 {Percentile(latencies, 0.50):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms ({latencies.Count} orders, {elapsed.TotalSeconds:F1} s); load average {LoadAverage()}");

        return await FlashSaleAsync(host, buyers, units) ? 0 : 1;
    }

    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> CheckoutsAsync(CheckoutHost host, int count, int concurrency)
    {
        var latencies = new List<double>();
        var remaining = count;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var sku = await host.StockedShoeAsync(stock: 100_000);
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                using var customer = host.NewCustomer(Guid.CreateVersion7());
                await customer.FillCartAsync(sku);
                var started = Stopwatch.GetTimestamp();
                var order = await PlaceAsync(customer);
                await customer.PayAsync(order);
                await customer.WaitForStatusAsync(order.GetProperty("id").GetGuid(), "Paid", TimeSpan.FromMinutes(2));
                var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies) latencies.Add(latency);
            }
        }));
        return (latencies, stopwatch.Elapsed);
    }

    /// <summary>Places the order; a 202 (still deciding) or 503 (busy) is asked again with the same key, as a client should.</summary>
    private static async Task<JsonElement> PlaceAsync(Customer customer)
    {
        var key = Guid.NewGuid().ToString();
        while (true)
        {
            using var response = await customer.PlaceAsync(key);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK) return JsonDocument.Parse(body).RootElement.Clone();
            if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable))
                throw new InvalidOperationException($"placing an order answered {(int)response.StatusCode}: {body}");
        }
    }

    private static async Task<bool> FlashSaleAsync(CheckoutHost host, int buyers, int units)
    {
        var sku = await host.StockedShoeAsync(stock: units);
        Console.WriteLine($"Flash sale: {buyers} buyers, {units} units of {sku}; load average {LoadAverage()}");
        using var sale = await FlashSale.RunAsync(host, sku, buyers, fillConcurrency: 32);
        var placement = sale.Answers.Select(a => a.Latency.TotalMilliseconds).ToList();
        Console.WriteLine($"  placement: {sale.Elapsed.TotalSeconds:F1} s for all; p50 {Percentile(placement, 0.50):F0} ms, p99 {Percentile(placement, 0.99):F0} ms, " +
            $"max {placement.Max():F0} ms; buyers who asked again (202/503/client timeout): {sale.Answers.Count(a => a.Retries > 0)}");
        var byStatus = sale.Answers.GroupBy(a => a.Status).ToDictionary(g => g.Key, g => g.Count());
        Console.WriteLine($"  answers: {string.Join(", ", byStatus.Select(s => $"{(int)s.Key} × {s.Value}"))}");
        foreach (var unexpected in sale.Answers.Where(a => a.Status is not (HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict)).Take(5))
            Console.WriteLine($"  unexpected {(int)unexpected.Status}: {unexpected.Body}");

        using var paying = new SemaphoreSlim(16);
        var payStarted = Stopwatch.StartNew();
        await Task.WhenAll(sale.Placed.Select(async buyer =>
        {
            await paying.WaitAsync();
            try
            {
                await buyer.Customer.PayAsync(buyer.Body);
            }
            finally
            {
                paying.Release();
            }
            await buyer.Customer.WaitForStatusAsync(buyer.Body.GetProperty("id").GetGuid(), "Paid", TimeSpan.FromMinutes(3));
        }));
        var stock = await host.AvailabilityAsync(sku);
        var namingSku = sale.OutOfStock.Count(a => a.Body.GetProperty("skus").EnumerateArray().Any(s => s.GetString() == sku));
        var paid = sale.Placed.Count();
        var oversold = Math.Max(0, paid - units) + (int)Math.Max(0, -stock.OnHand);
        Console.WriteLine($"  paid: {paid} (all paid {payStarted.Elapsed.TotalSeconds:F1} s after the sale); oversold: {oversold}; stock after: on hand {stock.OnHand}, reserved {stock.Reserved}; " +
            $"409 naming the SKU: {namingSku} of {buyers - paid} others; load average {LoadAverage()}");
        var correct = paid == units && oversold == 0 && stock is { OnHand: 0, Reserved: 0 } && namingSku == buyers - paid
            && sale.Answers.All(a => a.Status is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict);
        Console.WriteLine(correct ? "  correct: yes" : "  correct: NO");
        return correct;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(percentile * sorted.Count))];
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
