using System.Diagnostics;
using System.Globalization;
using Dapr.Workflow;
using LocalDapr;
using LocalDapr.Sidecar;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Workflows.Benchmarks;

/// <summary>
/// Workflows per second for a three-activity workflow (start to completed) with concurrent starters, and the time a
/// restarted runtime takes to finish workflows that were in flight when it stopped; on the SQLite and Redis actor state
/// stores. Usage: <c>dotnet run -c Release --project bench/Workflows [sqlite|redis]... [--workflows N] [--concurrency C] [--recover R]</c>.
/// </summary>
internal static class WorkflowLoad
{
    public static async Task<int> Main(string[] args)
    {
        var backends = args.Where(a => a is "sqlite" or "redis").DefaultIfEmpty("sqlite").ToList();
        var workflows = Option(args, "--workflows", 500);
        var concurrency = Option(args, "--concurrency", 16);
        var recover = Option(args, "--recover", 1000);
        Console.WriteLine($"{Environment.ProcessorCount} cores; {workflows} workflows per run, {concurrency} concurrent starters; {recover} in flight at restart");
        Console.WriteLine("| actor state store | workflows/s | p50 ms | p99 ms | recovery of in-flight workflows |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var backend in backends)
        {
            var folder = Directory.CreateTempSubdirectory("workflow-bench-").FullName;
            File.WriteAllText(Path.Combine(folder, "actorstore.yaml"), ActorStore(backend, folder));
            var options = new SidecarOptions
            {
                AppId = $"bench{Guid.NewGuid():N}"[..16],
                AppPort = FreePort.Next(),
                HttpPort = FreePort.Next(),
                GrpcPort = FreePort.Next(),
                ResourcesPaths = [folder],
            };

            var gate = new ActivityGate();
            var runtime = LocalDaprRuntime.Create(folder);
            var sidecar = await runtime.StartSidecarAsync(options);
            var app = await StartAppAsync(sidecar, gate);
            var client = app.Services.GetRequiredService<DaprWorkflowClient>();
            await RunAsync(client, 50, concurrency); // warm-up: JIT, connections, store
            var load = await RunAsync(client, workflows, concurrency);

            // In flight: every workflow has its first activity dispatched and unanswered when app and runtime stop.
            gate.Close();
            var inFlight = Enumerable.Range(0, recover).Select(i => $"inflight-{i}").ToList();
            await Task.WhenAll(inFlight.Select(id => client.ScheduleNewWorkflowAsync(nameof(CheckoutWorkflow), id, id)));
            // Started = the first turn committed, so each has its first activity scheduled (the SDK runs 100 at a time; the rest wait in it).
            await Task.WhenAll(inFlight.Select(id => client.WaitForWorkflowStartAsync(id)));
            await app.StopAsync();
            await app.DisposeAsync();
            await runtime.DisposeAsync();

            var restarted = Stopwatch.StartNew();
            runtime = LocalDaprRuntime.Create(folder);
            sidecar = await runtime.StartSidecarAsync(options);
            app = await StartAppAsync(sidecar, new ActivityGate());
            client = app.Services.GetRequiredService<DaprWorkflowClient>();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            var outcomes = await Task.WhenAll(inFlight.Select(id => client.WaitForWorkflowCompletionAsync(id, cancellation: patience.Token)));
            restarted.Stop();
            if (outcomes.Any(o => o.RuntimeStatus != WorkflowRuntimeStatus.Completed)) throw new InvalidOperationException("a recovered workflow did not complete");

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {backend} | {load.PerSecond:0} | {load.P50:0} | {load.P99:0} | {recover} in {restarted.Elapsed.TotalSeconds:0.0} s |"));
            await app.StopAsync();
            await app.DisposeAsync();
            await runtime.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private sealed record Result(double PerSecond, double P50, double P99);

    /// <summary>Starts <paramref name="count"/> workflows from <paramref name="concurrency"/> callers, each waiting for its completion.</summary>
    private static async Task<Result> RunAsync(DaprWorkflowClient client, int count, int concurrency)
    {
        var latencies = new double[count];
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                var id = await client.ScheduleNewWorkflowAsync(nameof(CheckoutWorkflow), input: $"order-{i}");
                var state = await client.WaitForWorkflowCompletionAsync(id);
                if (state.RuntimeStatus != WorkflowRuntimeStatus.Completed) throw new InvalidOperationException($"workflow {id} ended {state.RuntimeStatus}");
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        total.Stop();
        Array.Sort(latencies);
        return new Result(count / total.Elapsed.TotalSeconds, latencies[count / 2], latencies[(int)(count * 0.99)]);
    }

    private static async Task<WebApplication> StartAppAsync(LocalSidecar sidecar, ActivityGate gate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{sidecar.Options.AppPort}");
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = sidecar.GrpcEndpoint.ToString().TrimEnd('/');
        builder.Services.AddSingleton(gate);
        builder.Services.AddDaprWorkflow(o =>
        {
            o.RegisterWorkflow<CheckoutWorkflow>();
            o.RegisterActivity<ReserveActivity>();
            o.RegisterActivity<ChargeActivity>();
            o.RegisterActivity<ConfirmActivity>();
        });
        var app = builder.Build();
        await app.StartAsync();
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return app;
    }

    private static string ActorStore(string backend, string folder) => backend == "redis"
        ? $"""
          apiVersion: dapr.io/v1alpha1
          kind: Component
          metadata:
            name: actorstore
          spec:
            type: state.redis
            version: v1
            metadata:
              - name: redisHost
                value: "{RedisServer.Address}"
              - name: actorStateStore
                value: "true"
          """
        : $"""
          apiVersion: dapr.io/v1alpha1
          kind: Component
          metadata:
            name: actorstore
          spec:
            type: state.sqlite
            version: v1
            metadata:
              - name: connectionString
                value: "Data Source={Path.Combine(folder, "workflows.db")}"
              - name: actorStateStore
                value: "true"
          """;

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

/// <summary>Holds the first activity of every workflow while closed, so workflows can be left in flight.</summary>
internal sealed class ActivityGate
{
    private volatile TaskCompletionSource _open = Opened();

    public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task PassAsync() => _open.Task;

    private static TaskCompletionSource Opened()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
        return signal;
    }
}

public sealed class CheckoutWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string order)
    {
        var reservation = await context.CallActivityAsync<string>(nameof(ReserveActivity), order);
        var payment = await context.CallActivityAsync<string>(nameof(ChargeActivity), reservation);
        return await context.CallActivityAsync<string>(nameof(ConfirmActivity), payment);
    }
}

internal sealed class ReserveActivity(ActivityGate gate) : WorkflowActivity<string, string>
{
    public override async Task<string> RunAsync(WorkflowActivityContext context, string order)
    {
        await gate.PassAsync();
        return $"reserved {order}";
    }
}

internal sealed class ChargeActivity : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string reservation) => Task.FromResult($"charged {reservation}");
}

internal sealed class ConfirmActivity : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string payment) => Task.FromResult($"confirmed {payment}");
}
