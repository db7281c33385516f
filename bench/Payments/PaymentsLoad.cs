using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SpaceOfSport.Payments.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using EventUtility = Stripe.EventUtility;

namespace SpaceOfSport.Payments.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Payments [seconds per phase, default 10]</c>. Payments on Kestrel h2c with a
/// local sidecar (SQLite), the Stripe sandbox in the same process. Phase 1: 16 workers, each op = create the payment of a
/// new order through payments (Stripe.net → sandbox) + confirm it with the visa test card (Stripe.net → sandbox, as the
/// browser would); latency per op. Phase 2: webhook events handled per second by payments (signature, dedup, re-read of
/// the PaymentIntent from the sandbox, state + ledger + outbox in one transaction), 16 concurrent senders.
/// </summary>
public static class PaymentsLoad
{
    private const int Workers = 16;

    public static async Task Main(string[] args)
    {
        var phase = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10);
        Console.WriteLine($"Processors: {Environment.ProcessorCount}; phase: {phase.TotalSeconds} s; load average: {LoadAverage()}");
        TestComponents.UseServiceContentRoot("Payments");
        var repository = Path.GetFullPath(Path.Combine(Environment.GetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SPACEOFSPORT_PAYMENTS")!, "..", ".."));
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_STRIPESANDBOX", Path.Combine(repository, "tools", "StripeSandbox"));
        await using var host = await PaymentsHost.StartAsync(TestDatabases.Sqlite);

        await CreateAndConfirmAsync(host, TimeSpan.FromSeconds(2));
        var (ops, latencies, elapsed) = await CreateAndConfirmAsync(host, phase);
        Console.WriteLine($"Create + confirm, {Workers} concurrent: {ops / elapsed.TotalSeconds:F1}/s; p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms ({ops} ops)");

        var (events, eventElapsed) = await WebhooksAsync(host, phase);
        Console.WriteLine($"Webhook events handled, {Workers} concurrent: {events / eventElapsed.TotalSeconds:F1}/s ({events} events)");
        Console.WriteLine($"Load average at the end: {LoadAverage()}");
    }

    private static async Task<(int Ops, List<double> Latencies, TimeSpan Elapsed)> CreateAndConfirmAsync(PaymentsHost host, TimeSpan phase)
    {
        var latencies = new List<double>();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            var mine = new List<double>();
            while (stopwatch.Elapsed < phase)
            {
                var started = Stopwatch.GetTimestamp();
                var payment = await host.CreatePaymentAsync(Guid.CreateVersion7(), 4_999);
                await host.ConfirmAsync(payment, "pm_card_visa");
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            lock (latencies) latencies.AddRange(mine);
        }));
        return (latencies.Count, latencies, stopwatch.Elapsed);
    }

    /// <summary>Holds the sandbox's deliveries, makes 100 paid orders, then posts their succeeded events (signed) itself, 16 at a time.</summary>
    private static async Task<(int Events, TimeSpan Elapsed)> WebhooksAsync(PaymentsHost host, TimeSpan phase)
    {
        (await host.SandboxHttp.PutAsJsonAsync("/sandbox/webhooks/switches", new { holdForReordering = true })).EnsureSuccessStatusCode();
        using var stripeApi = host.Sandbox.CreateHttpClient();
        stripeApi.DefaultRequestHeaders.Add("Authorization", $"Bearer {SandboxHost.ApiKey}");
        var handled = 0;
        var timer = new Stopwatch();
        while (timer.Elapsed < phase)
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ => await host.ConfirmAsync(await host.CreatePaymentAsync(Guid.CreateVersion7(), 4_999), "pm_card_visa")));
            var list = await stripeApi.GetFromJsonAsync<JsonElement>("/v1/events?type=payment_intent.succeeded&limit=100");
            var payloads = new Queue<string>(list.GetProperty("data").EnumerateArray().Select(e => e.GetRawText()));

            timer.Start();
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
            {
                while (true)
                {
                    string payload;
                    lock (payloads)
                    {
                        if (!payloads.TryDequeue(out payload!)) return;
                    }
                    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe")
                    {
                        Content = new StringContent(payload, Encoding.UTF8, "application/json"),
                        Version = System.Net.HttpVersion.Version20,
                        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                    };
                    request.Headers.Add("Stripe-Signature",
                        $"t={timestamp},v1={EventUtility.ComputeSignature(SandboxHost.WebhookSecret, timestamp.ToString(CultureInfo.InvariantCulture), payload)}");
                    using var response = await host.Http.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                    Interlocked.Increment(ref handled);
                }
            }));
            timer.Stop();
        }
        return (handled, timer.Elapsed);
    }

    private static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(percentile * sorted.Count))];
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
