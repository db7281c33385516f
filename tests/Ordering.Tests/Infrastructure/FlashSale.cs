using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace SpaceOfSport.Ordering.Tests.Infrastructure;

/// <summary>
/// A flash sale on the checkout host: each buyer (signed in) has one unit of the SKU in the cart, then all place their
/// orders at once. A buyer answered 202 (the checkout still deciding) or 503 (a dependency busy) asks again with the
/// same Idempotency-Key, as a client should, until the answer is final: 201 (stock held; 200 when asked again) or 409 (out of stock).
/// Used by the CI test and by <c>bench/Ordering</c>.
/// </summary>
public static class FlashSale
{
    public static async Task<FlashSaleResult> RunAsync(CheckoutHost host, string sku, int buyers, int fillConcurrency = 16)
    {
        var customers = Enumerable.Range(0, buyers).Select(_ => host.NewCustomer(Guid.CreateVersion7())).ToList();
        try
        {
            using (var filling = new SemaphoreSlim(fillConcurrency))
            {
                await Task.WhenAll(customers.Select(async customer =>
                {
                    await filling.WaitAsync();
                    try
                    {
                        await customer.FillCartAsync(sku);
                    }
                    finally
                    {
                        filling.Release();
                    }
                }));
            }

            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = customers.Select(async customer =>
            {
                await go.Task;
                return await PlaceUntilDecidedAsync(customer);
            }).ToList();
            var started = Stopwatch.StartNew();
            go.SetResult();
            var answers = await Task.WhenAll(attempts);
            return new FlashSaleResult(customers, answers, started.Elapsed);
        }
        catch
        {
            customers.ForEach(c => c.Dispose());
            throw;
        }
    }

    private static async Task<BuyerAnswer> PlaceUntilDecidedAsync(Customer customer)
    {
        var key = Guid.NewGuid().ToString();
        var started = Stopwatch.GetTimestamp();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        var retries = 0;
        while (true)
        {
            try
            {
                using var response = await customer.PlaceAsync(key);
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                var undecided = response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable;
                if (!undecided || DateTime.UtcNow > deadline)
                    return new BuyerAnswer(customer, response.StatusCode, body, Stopwatch.GetElapsedTime(started), retries);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable) await Task.Delay(TimeSpan.FromSeconds(1));
            }
            catch (Exception exception) when (exception is TaskCanceledException or HttpRequestException && DateTime.UtcNow < deadline)
            {
                // The client gave up waiting (its own timeout) or lost the connection: the same key again finds the same order.
            }
            retries++;
        }
    }
}

/// <summary>One buyer's final answer, how long it took from the first POST, and how often the buyer had to ask again.</summary>
public sealed record BuyerAnswer(Customer Customer, HttpStatusCode Status, JsonElement Body, TimeSpan Latency, int Retries);

public sealed record FlashSaleResult(IReadOnlyList<Customer> Customers, IReadOnlyList<BuyerAnswer> Answers, TimeSpan Elapsed) : IDisposable
{
    /// <summary>201, or 200 for a buyer who asked again with the same key and found the order placed.</summary>
    public IEnumerable<BuyerAnswer> Placed => Answers.Where(a => a.Status is HttpStatusCode.Created or HttpStatusCode.OK);

    public IEnumerable<BuyerAnswer> OutOfStock => Answers.Where(a => a.Status == HttpStatusCode.Conflict);

    public void Dispose()
    {
        foreach (var customer in Customers) customer.Dispose();
    }
}
