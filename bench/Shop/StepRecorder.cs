using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SpaceOfSport.Shop.Benchmarks;

/// <summary>The steps a shopper takes, as the report names them.</summary>
internal static class Steps
{
    public const string Category = "category page";
    public const string CategoryListing = "category listing";
    public const string Search = "search";
    public const string Product = "product page";
    public const string SignUp = "sign up";
    public const string SignIn = "sign in";
    public const string ViewCart = "view cart";
    public const string RemoveFromCart = "remove from cart";
    public const string AddToCart = "add to cart";
    public const string Destination = "cart destination";
    public const string Shipping = "cart shipping";
    public const string PlaceOrder = "place order";
    public const string Pay = "pay (sandbox card)";
    public const string OrderStatus = "order status";

    /// <summary>Not a request: from the card payment to the first order status saying paid (webhook → payments → ordering's workflow); signed-in shoppers only.</summary>
    public const string Paid = "paid after payment";
}

/// <summary>Latencies (from when each step was due) and outcomes per step; thread-safe.</summary>
internal sealed class StepRecorder
{
    private readonly Dictionary<string, List<double>> _latencies = [];
    private readonly Dictionary<string, Dictionary<string, int>> _errors = [];
    private readonly Dictionary<string, int> _soldOut = [];
    private readonly Lock _lock = new();

    public void Ok(string step, long due)
    {
        var milliseconds = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        lock (_lock) (_latencies.TryGetValue(step, out var list) ? list : _latencies[step] = []).Add(milliseconds);
    }

    /// <summary>A refusal the shop gives by design (an item sold out before the order): counted, neither a latency nor an error.</summary>
    public void SoldOut(string step)
    {
        lock (_lock) _soldOut[step] = _soldOut.GetValueOrDefault(step) + 1;
    }

    public void Error(string step, string what)
    {
        lock (_lock)
        {
            var byWhat = _errors.TryGetValue(step, out var found) ? found : _errors[step] = [];
            byWhat[what] = byWhat.GetValueOrDefault(what) + 1;
        }
    }

    public int Count(string step)
    {
        lock (_lock) return _latencies.TryGetValue(step, out var list) ? list.Count : 0;
    }

    public string Report(double seconds)
    {
        lock (_lock)
        {
            var report = new StringBuilder("| step | ok | per second | p50 ms | p95 ms | p99 ms | max ms | errors | sold out |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var step in _latencies.Keys.Union(_errors.Keys).Union(_soldOut.Keys).Order(StringComparer.Ordinal))
            {
                var list = _latencies.GetValueOrDefault(step) ?? [];
                list.Sort();
                double At(double quantile) => list.Count == 0 ? 0 : list[Math.Min(list.Count - 1, (int)(list.Count * quantile))];
                report.Append(CultureInfo.InvariantCulture,
                    $"| {step} | {list.Count:N0} | {list.Count / seconds:F1} | {At(0.5):F1} | {At(0.95):F1} | {At(0.99):F1} | {(list.Count == 0 ? 0 : list[^1]):F1} | {_errors.GetValueOrDefault(step)?.Values.Sum() ?? 0} | {_soldOut.GetValueOrDefault(step)} |\n");
            }

            return report.ToString();
        }
    }

    public string ErrorReport()
    {
        lock (_lock)
        {
            return _errors.Count == 0 ? "No errors." : "Errors: " + string.Join("; ", _errors.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => $"{e.Key}: " + string.Join(", ", e.Value.OrderByDescending(v => v.Value).Select(v => $"{v.Key} ×{v.Value}"))));
        }
    }
}
