using System.Net;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Ordering.Tests.Infrastructure;

/// <summary>
/// Ordering as a real process (its own build output, <c>dotnet SpaceOfSport.Ordering.dll</c>) beside its sidecar in a
/// <see cref="CheckoutHost"/> started with <c>orderingInProcess: false</c>, for the crash tests: started, optionally held
/// at one checkout step (<c>Ordering:Testing:HoldCheckoutAt</c>, a test-only switch), killed with SIGKILL, started again
/// on the same database, sidecar and workflow state.
/// </summary>
public sealed class OrderingProcess : IAsyncDisposable
{
    private readonly CheckoutHost _host;
    private readonly string _markerFile;
    private ChildProcess _process;

    private OrderingProcess(CheckoutHost host, string markerFile, ChildProcess process)
    {
        _host = host;
        _markerFile = markerFile;
        _process = process;
    }

    /// <summary>What the process wrote to its console (warnings and errors: it logs at Warning).</summary>
    public string Output => _process.Output;

    /// <summary>Starts ordering, held at <paramref name="holdAt"/> (a <c>CheckoutHold</c> point) when given.</summary>
    public static async Task<OrderingProcess> StartAsync(CheckoutHost host, string? holdAt = null)
    {
        var markerFile = Path.Combine(host.Components, $"hold-{Guid.NewGuid():N}.log");
        await File.WriteAllTextAsync(markerFile, "");
        var process = new OrderingProcess(host, markerFile, Launch(host, holdAt, markerFile));
        await process.WaitUntilServingAsync();
        return process;
    }

    /// <summary>The order the process is held at <paramref name="point"/> for, once it got there.</summary>
    public async Task<Guid> HeldAtAsync(string point)
    {
        var line = await Eventually.ReturnsAsync(() => File.ReadAllLinesAsync(_markerFile),
            lines => lines.Any(l => l.StartsWith(point + " ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), because: $"for ordering to reach {point}");
        return Guid.Parse(line.First(l => l.StartsWith(point + " ", StringComparison.Ordinal))[(point.Length + 1)..]);
    }

    /// <summary>SIGKILL, and waits until its sidecar has noticed (deliveries for it are held from then on).</summary>
    public async Task KillAsync()
    {
        await _process.KillAsync();
        await Eventually.UntilAsync(() => !_host.OrderingSidecar!.AppHealthy, "the sidecar to find ordering gone", TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts ordering again, without a hold, on the same database, sidecar and workflow state.</summary>
    public async Task RestartAsync()
    {
        await _process.DisposeAsync();
        _process = Launch(_host, holdAt: null, _markerFile);
        await WaitUntilServingAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await Eventually.UntilAsync(() => !_host.OrderingSidecar!.AppHealthy, "the sidecar to find ordering gone", TimeSpan.FromSeconds(60));
    }

    private static ChildProcess Launch(CheckoutHost host, string? holdAt, string markerFile)
    {
        var environment = new Dictionary<string, string>(host.OrderingSidecar!.AppEnvironment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__ordering"] = $"Data Source={host.OrderingDatabase}",
            ["Logging__LogLevel__Default"] = "Warning",
            // A first checkout on a cold process (JIT, the workflow worker connecting) may take longer than a warm one.
            ["Ordering__Checkout__PlacementWait"] = "00:00:30",
        };
        if (holdAt is not null)
        {
            environment["Ordering__Testing__HoldCheckoutAt"] = holdAt;
            environment["Ordering__Testing__HoldMarkerFile"] = markerFile;
        }
        return ChildProcess.StartDll(BuildOutput.Of(Path.Combine("services", "Ordering"), "SpaceOfSport.Ordering.dll"), environment);
    }

    /// <summary>Answering on its port, and its sidecar has seen it healthy (deliveries flow again).</summary>
    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient
        {
            BaseAddress = _host.OrderingAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        await Eventually.UntilAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"ordering exited:\n{Output}");
            try
            {
                using var answer = await http.GetAsync("/healthz");
                return answer.IsSuccessStatusCode && _host.OrderingSidecar!.AppHealthy;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "ordering to serve", TimeSpan.FromSeconds(90), () => Output);
    }
}
