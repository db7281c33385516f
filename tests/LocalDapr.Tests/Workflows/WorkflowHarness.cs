using Dapr.Workflow;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Workflows;

/// <summary>The actor state stores workflows run on in these tests.</summary>
public enum WorkflowBackend { Sqlite, Redis }

/// <summary>
/// An app using Dapr.Workflow 1.19 exactly as under daprd (<c>AddDaprWorkflow</c>, <c>DaprWorkflowClient</c>), in this
/// process beside a local runtime whose actor state store is SQLite or Redis. The runtime can be restarted under the
/// running app on the same ports, as a crashed daprd would be.
/// </summary>
public sealed class WorkflowHarness : IAsyncDisposable
{
    private readonly ComponentsFolder _folder;
    private readonly SidecarOptions _options;
    private readonly TimeProvider? _clock;

    private WorkflowHarness(ComponentsFolder folder, SidecarOptions options, TimeProvider? clock, LocalDaprRuntime runtime, Sidecar.LocalSidecar sidecar, WebApplication app)
    {
        _folder = folder;
        _options = options;
        _clock = clock;
        Runtime = runtime;
        Sidecar = sidecar;
        App = app;
    }

    public LocalDaprRuntime Runtime { get; private set; }

    public Sidecar.LocalSidecar Sidecar { get; private set; }

    public WebApplication App { get; }

    public DaprWorkflowClient Client => App.Services.GetRequiredService<DaprWorkflowClient>();

    public WorkflowProbe Probe => App.Services.GetRequiredService<WorkflowProbe>();

    public static IEnumerable<object[]> Backends => [[WorkflowBackend.Sqlite], [WorkflowBackend.Redis]];

    public static async Task<WorkflowHarness> StartAsync(WorkflowBackend backend, TimeProvider? clock = null)
    {
        var folder = ComponentsFolder.Create();
        folder.Write("actorstore.yaml", ActorStore(backend, folder.Path));
        var options = new SidecarOptions
        {
            AppId = $"wf{Guid.NewGuid():N}"[..14],
            AppPort = FreePort.Next(),
            HttpPort = FreePort.Next(),
            GrpcPort = FreePort.Next(),
            ResourcesPaths = [folder.Path],
        };
        var runtime = LocalDaprRuntime.Create(folder.Path, clock: clock);
        var sidecar = await runtime.StartSidecarAsync(options);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.AppPort}");
        // Where daprd's CLI would point the app: the SDK reads DAPR_GRPC_ENDPOINT from configuration.
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = sidecar.GrpcEndpoint.ToString().TrimEnd('/');
        builder.Configuration["DAPR_HTTP_ENDPOINT"] = sidecar.HttpEndpoint.ToString().TrimEnd('/');
        builder.Services.AddSingleton<WorkflowProbe>();
        builder.Services.AddDaprWorkflow(TestWorkflowRegistration.RegisterAll);
        var app = builder.Build();
        await app.StartAsync();
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return new WorkflowHarness(folder, options, clock, runtime, sidecar, app);
    }

    /// <summary>Stops the runtime and starts a new one on the same ports and store; the app keeps running and reconnects.</summary>
    public async Task RestartRuntimeAsync()
    {
        await Runtime.DisposeAsync();
        Runtime = LocalDaprRuntime.Create(_folder.Path, clock: _clock);
        Sidecar = await Runtime.StartSidecarAsync(_options);
        await Sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits for completion with a bound, so a stuck workflow fails the test instead of hanging it.</summary>
    public async Task<WorkflowState> CompletionOfAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await Client.WaitForWorkflowCompletionAsync(instanceId, getInputsAndOutputs: true, cancel.Token);
    }

    /// <summary>The actor state store component for <paramref name="backend"/>: a SQLite file in <paramref name="folder"/>, or the tests' Redis.</summary>
    public static string ActorStore(WorkflowBackend backend, string folder) => backend == WorkflowBackend.Sqlite
        ? Infrastructure.Backends.SqliteActorState(Path.Combine(folder, "workflows.db"))
        : $"""
          apiVersion: dapr.io/v1alpha1
          kind: Component
          metadata:
            name: actorstore
          spec:
            type: state.redis
            version: v1
            metadata:
              - name: redisHost
                value: "{Infrastructure.Backends.RedisHost}"
              - name: actorStateStore
                value: "true"
          """;

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Runtime.DisposeAsync();
        _folder.Dispose();
    }
}
