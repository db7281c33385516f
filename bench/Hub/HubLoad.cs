using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using LocalDapr;
using LocalDapr.Sidecar;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Hub.Benchmarks;

/// <summary>
/// Opens <c>--connections</c> WebSockets to one hub process (SignalR JSON protocol, spoken directly: handshake, then
/// <c>Subscribe("flash-sales")</c>), reports the hub's resident memory per connection, then publishes
/// <c>--broadcasts</c> flash-sale events on <c>pubsub</c> and measures publish → delivery on every connection. Usage:
/// <c>dotnet run -c Release --project bench/Hub -- [--connections 10000] [--broadcasts 5] [--open-concurrency 64]</c>.
/// </summary>
internal static class HubLoad
{
    private const char RecordSeparator = '\u001e';

    public static async Task<int> Main(string[] args)
    {
        var connections = Option(args, "--connections", 10_000);
        var broadcasts = Option(args, "--broadcasts", 5);
        var openConcurrency = Option(args, "--open-concurrency", 64);
        var repository = Repository();
        var hubDirectory = Path.Combine(repository, "services", "Notifications", "bin", "Release", "net10.0");
        var components = await TestComponents.CreateFolderAsync("hub-bench",
            TestComponents.InMemoryPubSub,
            """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: hub-pubsub
            spec:
              type: pubsub.in-memory
              version: v1
              metadata:
                - name: consumerID
                  value: "{podName}"
            """,
            TestComponents.SqliteStateStore(Path.Combine(Path.GetTempPath(), $"hub-bench-{Guid.NewGuid():N}.db")));

        await using var runtime = LocalDaprRuntime.Create();
        var port = FreePort.Next();
        var sidecar = await runtime.StartSidecarAsync(new SidecarOptions { AppId = "notifications", AppPort = port, ResourcesPaths = [components] });
        using var hub = StartHub(hubDirectory, port, sidecar);
        await sidecar.AppReady.WaitAsync(TimeSpan.FromMinutes(2));
        var url = new Uri($"ws://127.0.0.1:{port}/ws");

        Console.WriteLine($"{Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; hub pid {hub.Id}");
        var sockets = new List<Listener>();
        for (var i = 0; i < 10; i++) sockets.Add(await Listener.OpenAsync(url));
        await Task.Delay(2000);
        var baseline = ResidentBytes(hub.Id);

        var opening = Stopwatch.StartNew();
        var failed = 0;
        using (var gate = new SemaphoreSlim(openConcurrency))
        {
            var opened = new ConcurrentBag<Listener>();
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    opened.Add(await Listener.OpenAsync(url));
                }
                catch (Exception exception) when (exception is WebSocketException or IOException or TimeoutException or OperationCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
                finally
                {
                    gate.Release();
                }
            }));
            sockets.AddRange(opened);
        }

        opening.Stop();
        await Task.Delay(5000);
        var held = sockets.Count(s => s.IsOpen);
        var loaded = ResidentBytes(hub.Id);
        var perConnection = (loaded - baseline) / (double)Math.Max(1, held - 10);
        Console.WriteLine($"connections held: {held:N0} (asked {connections + 10:N0}, failed to open {failed:N0}) in {opening.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"hub resident memory: {baseline / 1048576.0:F0} MiB with 10 → {loaded / 1048576.0:F0} MiB with {held:N0}: {perConnection / 1024:F1} KiB per connection");

        var latencies = new List<double>();
        using var dapr = new Dapr.Client.DaprClientBuilder().UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString()).UseHttpEndpoint(sidecar.HttpEndpoint.ToString()).Build();
        // Round 0 warms the path up (JIT, the channel's first log write) and is not counted.
        for (var round = 0; round <= broadcasts; round++)
        {
            var sale = Guid.CreateVersion7();
            var marker = sale.ToString();
            foreach (var socket in sockets) socket.Expect(marker);
            var published = DateTime.UtcNow;
            await dapr.PublishEventAsync(DaprComponents.PubSub, IntegrationEvent.Topic<FlashSaleStarted>(), new FlashSaleStarted
            {
                FlashSaleId = sale,
                Name = $"Bench {round}",
                ProductIds = [Guid.CreateVersion7()],
                VariantIds = [],
                PercentOff = 20,
                StartsAt = published,
                EndsAt = published.AddHours(1),
                OccurredAt = published,
            });
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && sockets.Any(s => s.IsOpen && s.Received is null)) await Task.Delay(20);
            var roundLatencies = sockets.Where(s => s.Received is not null).Select(s => (s.Received!.Value - published).TotalMilliseconds).ToList();
            if (round > 0) latencies.AddRange(roundLatencies);
            Console.WriteLine($"broadcast {round}{(round == 0 ? " (warm-up)" : "")}: delivered to {roundLatencies.Count:N0} of {held:N0}; p50 {Percentile(roundLatencies, 50):F0} ms, p99 {Percentile(roundLatencies, 99):F0} ms, last {roundLatencies.DefaultIfEmpty().Max():F0} ms");
        }

        Console.WriteLine($"| connections held | KiB per connection | deliveries | p50 ms | p99 ms | max ms |");
        Console.WriteLine($"|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {held:N0} | {perConnection / 1024:F1} | {latencies.Count:N0} | {Percentile(latencies, 50):F0} | {Percentile(latencies, 99):F0} | {latencies.DefaultIfEmpty().Max():F0} |");

        foreach (var socket in sockets) socket.Abort();
        hub.Kill(entireProcessTree: true);
        await runtime.StopSidecarAsync(sidecar);
        return 0;
    }

    private static Process StartHub(string directory, int port, LocalSidecar sidecar)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "SpaceOfSport.Notifications.dll")])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in sidecar.AppEnvironment) start.Environment[key] = value;
        start.Environment["APP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["APP_LISTEN_ADDRESS"] = "127.0.0.1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The bench opens connections faster than one client would call: no per-connection idle close during the run.
        start.Environment["Hub__IdleTimeout"] = "01:00:00";
        var process = Process.Start(start) ?? throw new InvalidOperationException("the hub did not start");
        process.OutputDataReceived += (_, line) => { if (line.Data is { Length: > 0 }) Console.WriteLine($"  hub: {line.Data}"); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { Length: > 0 }) Console.WriteLine($"  hub: {line.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static double Percentile(List<double> values, int percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SpaceOfSport.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }

    /// <summary>One anonymous browser tab subscribed to <c>flash-sales</c>, speaking SignalR's JSON protocol itself.</summary>
    private sealed class Listener
    {
        private readonly ClientWebSocket _socket = new();
        private string? _expected;

        public DateTime? Received { get; private set; }

        public bool IsOpen => _socket.State == WebSocketState.Open;

        public static async Task<Listener> OpenAsync(Uri url)
        {
            var listener = new Listener();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            listener._socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await listener._socket.ConnectAsync(url, timeout.Token);
            await listener.SendAsync("{\"protocol\":\"json\",\"version\":1}", timeout.Token);
            await listener.SendAsync("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"flash-sales\",null]}", timeout.Token);
            // The handshake answer and the subscription's completion arrive before any broadcast is published.
            _ = listener.ReadAsync();
            return listener;
        }

        public void Expect(string marker)
        {
            Received = null;
            Volatile.Write(ref _expected, marker);
        }

        public void Abort() => _socket.Abort();

        private Task SendAsync(string text, CancellationToken cancellationToken) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(text + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

        private async Task ReadAsync()
        {
            var buffer = new byte[8192];
            var pending = new StringBuilder();
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    var now = DateTime.UtcNow;
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                    if (!result.EndOfMessage) continue;
                    var text = pending.ToString();
                    pending.Clear();
                    foreach (var frame in text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (frame.StartsWith("{\"type\":6", StringComparison.Ordinal))
                        {
                            // The hub's keep-alive ping: answer it, as SignalR's clients do, or the hub calls the client dead.
                            await SendAsync("{\"type\":6}", CancellationToken.None);
                            continue;
                        }

                        if (Volatile.Read(ref _expected) is { } marker && Received is null && frame.Contains(marker, StringComparison.Ordinal)) Received = now;
                    }
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Closed.
            }
        }
    }
}
