using System.Diagnostics;
using Dapr.Workflow;
using Dapr.Workflow.Client;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Workflows;

// Contract: https://docs.dapr.io/developing-applications/building-blocks/workflow/workflow-architecture/ (state stored
// in the actor state store; work resumes after a crash; activities run at least once) and
// https://docs.dapr.io/developing-applications/building-blocks/workflow/workflow-features-concepts/ (durable timers,
// external events). App and runtime are real processes here, killed with SIGKILL: nothing gets to save or say goodbye.
public sealed class WorkflowCrashTests
{
    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task An_app_killed_in_the_middle_of_an_activity_runs_it_again_after_restart_and_the_workflow_completes_once(WorkflowBackend backend)
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("actorstore.yaml", WorkflowHarness.ActorStore(backend, folder.Path));
        var log = folder.Write("activities.log", "");
        await using var runtime = LocalDaprRuntime.Create(folder.Path);
        var sidecar = await runtime.StartSidecarAsync(new SidecarOptions
        {
            AppId = $"shipping{Guid.NewGuid():N}"[..16],
            AppPort = FreePort.Next(),
            AppProtocol = "h2c",
            ResourcesPaths = [folder.Path],
        });
        await using var client = WorkflowClient(sidecar.GrpcEndpoint);

        var first = StartApp(sidecar.AppEnvironment, log, holdActivity: true);
        try
        {
            await client.ScheduleNewWorkflowAsync("ShipmentWorkflow", "order-9", "order-9");
            await Eventually.UntilAsync(() => Lines(log).Contains("ship started parcel-order-9"), "the app to start shipping");
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var second = StartApp(sidecar.AppEnvironment, log, holdActivity: false);
        try
        {
            var state = await CompletionAsync(client, "order-9");

            state.ReadOutputAs<string>().Should().Be("shipped parcel-order-9");
            Lines(log).Count(l => l == "pack order-9").Should().Be(1);
            Lines(log).Count(l => l == "ship started parcel-order-9").Should().Be(2, "the activity the app died in runs again");
            await ResultRecordedOnceAsync(client, "order-9", activities: 2);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task A_timer_pending_when_the_runtime_is_killed_fires_after_restart(WorkflowBackend backend)
    {
        await using var run = await LauncherRun.StartAsync(backend);
        await using var client = WorkflowClient(run.GrpcEndpoint, LauncherRun.ApiToken);
        await client.ScheduleNewWorkflowAsync("NapWorkflow", "nap-1", 3);
        await Eventually.ReturnsAsync(() => client.GetInstanceHistoryAsync("nap-1"),
            h => h.Any(e => e.EventType == WorkflowHistoryEventType.TimerCreated), because: "for the timer to be created");

        await run.KillAndRestartAsync();
        var state = await CompletionAsync(client, "nap-1");

        state.ReadOutputAs<string>().Should().Be("woke nap-1");
        Lines(run.Log).Count(l => l == "note woke nap-1").Should().Be(1);
        await ResultRecordedOnceAsync(client, "nap-1", activities: 1);
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task An_event_waiting_in_the_inbox_when_the_runtime_is_killed_is_delivered_after_restart(WorkflowBackend backend)
    {
        await using var run = await LauncherRun.StartAsync(backend);
        await using var client = WorkflowClient(run.GrpcEndpoint, LauncherRun.ApiToken);
        await client.ScheduleNewWorkflowAsync("SignOffWorkflow", "contract-3", "contract-3");
        await client.WaitForWorkflowStartAsync("contract-3");
        // Suspended, the workflow keeps the event in its inbox: it is there, unprocessed, when the runtime dies.
        await client.SuspendWorkflowAsync("contract-3");
        await client.RaiseEventAsync("contract-3", "signed", "grace");

        await run.KillAndRestartAsync();
        await client.ResumeWorkflowAsync("contract-3");
        var state = await CompletionAsync(client, "contract-3");

        state.ReadOutputAs<string>().Should().Be("contract-3 signed by grace");
        Lines(run.Log).Count(l => l == "note contract-3 signed by grace").Should().Be(1);
        await ResultRecordedOnceAsync(client, "contract-3", activities: 1);
    }

    /// <summary>A DaprWorkflowClient of this test process, as an app would build it, pointed at a sidecar.</summary>
    private static DaprWorkflowClient WorkflowClient(Uri grpcEndpoint, string? apiToken = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DAPR_GRPC_ENDPOINT"] = grpcEndpoint.ToString().TrimEnd('/'), ["DAPR_API_TOKEN"] = apiToken })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddDaprWorkflow();
        return services.BuildServiceProvider().GetRequiredService<DaprWorkflowClient>();
    }

    private static async Task<WorkflowState> CompletionAsync(DaprWorkflowClient client, string instanceId)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var state = await client.WaitForWorkflowCompletionAsync(instanceId, cancellation: cancel.Token);
        state.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Completed);
        return state;
    }

    /// <summary>Each activity's result entered the history once, and the workflow completed once.</summary>
    private static async Task ResultRecordedOnceAsync(DaprWorkflowClient client, string instanceId, int activities)
    {
        var history = await client.GetInstanceHistoryAsync(instanceId);
        history.Count(e => e.EventType == WorkflowHistoryEventType.TaskCompleted).Should().Be(activities);
        history.Count(e => e.EventType == WorkflowHistoryEventType.ExecutionCompleted).Should().Be(1);
    }

    private static string[] Lines(string file) => File.ReadAllLines(file);

    private static Process StartApp(IReadOnlyDictionary<string, string> sidecarEnvironment, string log, bool holdActivity)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Artifacts.TestAppDll);
        foreach (var (key, value) in sidecarEnvironment) info.Environment[key] = value;
        info.Environment["WORKFLOW_LOG"] = log;
        info.Environment["HOLD_ACTIVITY"] = holdActivity ? "1" : "0";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The local runtime started from a run file as a real process, with the test app as its one app.</summary>
    private sealed class LauncherRun : IAsyncDisposable
    {
        private readonly ComponentsFolder _folder;
        private readonly string _runFile;
        private Process _process;

        private LauncherRun(ComponentsFolder folder, string runFile, int grpcPort, Process process)
        {
            _folder = folder;
            _runFile = runFile;
            GrpcEndpoint = new Uri($"http://127.0.0.1:{grpcPort}");
            _process = process;
        }

        /// <summary>The run file's Dapr API token, so this test's workflow client reaches the sidecar as its app does.</summary>
        public const string ApiToken = "workflow-crash-token";

        public Uri GrpcEndpoint { get; }

        public string Log => Path.Combine(_folder.Path, "activities.log");

        public static async Task<LauncherRun> StartAsync(WorkflowBackend backend)
        {
            var folder = ComponentsFolder.Create();
            folder.Write("actorstore.yaml", WorkflowHarness.ActorStore(backend, folder.Path));
            folder.Write("activities.log", "");
            var (appPort, httpPort, grpcPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
            var runFile = folder.Write("dapr.yaml", $"""
                version: 1
                apps:
                  - appID: signing{Guid.NewGuid():N}
                    appDirPath: .
                    appPort: {appPort}
                    appProtocol: h2c
                    daprHTTPPort: {httpPort}
                    daprGRPCPort: {grpcPort}
                    command: ["dotnet", "{Artifacts.TestAppDll}"]
                    env:
                      WORKFLOW_LOG: "{Path.Combine(folder.Path, "activities.log")}"
                      DAPR_API_TOKEN: {ApiToken}
                """);
            return new LauncherRun(folder, runFile, grpcPort, await StartLauncherAsync(folder.Path, runFile));
        }

        /// <summary>SIGKILL to the runtime and its app, then the same run file again.</summary>
        public async Task KillAndRestartAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process = await StartLauncherAsync(_folder.Path, _runFile);
        }

        public async ValueTask DisposeAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _folder.Dispose();
        }

        private static async Task<Process> StartLauncherAsync(string resources, string runFile)
        {
            var output = new SyncWriter();
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { Artifacts.LocalDaprDll, "-f", runFile, "--resources-path", resources, "--no-build" }) info.ArgumentList.Add(arg);
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, e) => output.WriteLine(e.Data);
            process.ErrorDataReceived += (_, e) => output.WriteLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await Eventually.ReturnsAsync(() => Task.FromResult(output.ToString()), o => o.Contains("is running", StringComparison.Ordinal) || process.HasExited,
                TimeSpan.FromSeconds(60), "for the launcher to start");
            process.HasExited.Should().BeFalse(output.ToString());
            return process;
        }
    }
}
