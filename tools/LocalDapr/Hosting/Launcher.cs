using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LocalDapr.Components;
using LocalDapr.PubSub;
using LocalDapr.Sidecar;

namespace LocalDapr.Hosting;

/// <summary>
/// What <c>dapr run -f</c> does, on one machine without daprd: checks the run file and every component first, builds
/// the solution, gives each app a sidecar and starts it with the environment daprd would give, and stops everything
/// on Ctrl-C.
/// </summary>
public sealed class Launcher(LauncherOptions options, TextWriter output, ILoggerFactory loggerFactory)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var runFile = RunFile.Load(options.RunFilePath, options.ResourcesPaths);
        foreach (var app in runFile.Apps)
        {
            EnsurePortsFree(app);
            if (app.ConfigFilePath is { } configuration) ResourceLoader.LoadConfiguration(configuration);
        }

        await using var runtime = new LocalDaprRuntime(new RuntimeServices(runFile.Directory, TimeProvider.System, loggerFactory));
        // Start every sidecar first: components are checked (and fail) before anything is built or started.
        var sidecars = new List<(RunFileApp App, Sidecar.LocalSidecar Sidecar)>();
        foreach (var app in runFile.Apps)
            sidecars.Add((app, await runtime.StartSidecarAsync(ToSidecarOptions(app), cancellationToken)));

        // Apps start in parallel: what one publishes before another has subscribed waits for it (in-memory brokers).
        foreach (var (app, sidecar) in sidecars)
        {
            foreach (var (manifest, pubsub) in sidecar.Components.All<IPubSub>(app.AppId))
                (pubsub as IStartupRetention)?.ExpectConsumerGroup(ConsumerGroups.For(sidecar, manifest));
        }

        if (options.Build && !await BuildAsync(runFile, cancellationToken)) return 1;

        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var supervisors = new List<AppSupervisor>();
        try
        {
            foreach (var (app, sidecar) in sidecars)
            {
                var environment = new Dictionary<string, string>(app.Env);
                foreach (var (key, value) in sidecar.AppEnvironment) environment[key] = value;
                var supervisor = new AppSupervisor(app, environment, options, output, Say);
                supervisor.Start(giveUp);
                supervisors.Add(supervisor);
                Say($"app '{app.AppId}' started; sidecar HTTP {sidecar.HttpPort}, gRPC {sidecar.GrpcPort}");
            }

            var gateway = runFile.Apps.FirstOrDefault(a => a.AppId == options.EntryAppId) ?? runFile.Apps.FirstOrDefault();
            var ready = await WaitForAppsAsync(sidecars.Select(s => s.Sidecar), giveUp.Token);
            if (ready)
            {
                var entry = gateway?.AppPort is { } port ? $"; {gateway.AppId}: http://localhost:{port}" : "";
                Say($"{Path.GetFileName(runFile.FilePath)} ({string.Join(", ", runFile.Apps.Select(a => a.AppId))}) is running{entry}  (Ctrl-C or SIGTERM stops it)");
            }

            // A crashed app is restarted by its supervisor; the run ends on Ctrl-C/SIGTERM, the shutdown API, or when
            // a supervisor gives up on an app that keeps crashing.
            var shutdownRequested = Task.WhenAny(sidecars.Select(s => Task.Delay(Timeout.Infinite, s.Sidecar.Stopping)));
            await Task.WhenAny(Task.Delay(Timeout.Infinite, giveUp.Token), shutdownRequested).ContinueWith(_ => { }, TaskScheduler.Default);
            return !cancellationToken.IsCancellationRequested && supervisors.Any(s => s.GaveUp) ? 1 : 0;
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return 1;
        }
        finally
        {
            Say("stopping");
            await giveUp.CancelAsync();
            await Task.WhenAll(supervisors.Select(s => s.StopAsync()));
        }
    }

    private SidecarOptions ToSidecarOptions(RunFileApp app) => new()
    {
        AppId = app.AppId,
        AppPort = app.AppPort,
        AppProtocol = app.AppProtocol,
        HttpPort = app.DaprHttpPort,
        GrpcPort = app.DaprGrpcPort,
        ResourcesPaths = app.ResourcesPaths,
        DaprApiToken = DaprApiTokenFor(app),
        AppApiToken = AppApiTokenFor(app),
        EnableAppHealthCheck = app.EnableAppHealthCheck,
        AppHealthCheckPath = app.AppHealthCheckPath,
        // Past it the sidecar keeps waiting, as daprd does without a limit; the launcher only says so.
        AppStartTimeout = options.AppStartLimit,
    };

    /// <summary>
    /// Every app gets an app API token, as the Helm chart gives one: the run file's <c>APP_API_TOKEN</c> when it sets
    /// one, none when it sets it empty, otherwise a token drawn for this run (<see cref="TokenFor"/>), so nothing but
    /// its own sidecar can call an app.
    /// </summary>
    public static string? AppApiTokenFor(RunFileApp app) => TokenFor(app.AppApiToken);

    /// <summary>
    /// Every sidecar demands a Dapr API token, as the Helm chart gives one: the run file's <c>DAPR_API_TOKEN</c> when
    /// it sets one, none when it sets it empty, otherwise a token drawn for this run, so nothing but its own app can
    /// use a sidecar's state, secrets, pub/sub or invocation (daprd leaves only <c>GET /v1.0/healthz</c> open).
    /// </summary>
    public static string? DaprApiTokenFor(RunFileApp app) => TokenFor(app.DaprApiToken);

    /// <summary>
    /// The run file's value when it sets one, none when it sets it empty, otherwise 32 random bytes (base64url) drawn
    /// for this run only, never written anywhere but the environment of the app and its sidecar.
    /// </summary>
    private static string? TokenFor(string? configured) => configured switch
    {
        null => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        "" => null,
        _ => configured,
    };

    private static void EnsurePortsFree(RunFileApp app)
    {
        foreach (var (what, port) in new[] { ("appPort", app.AppPort), ("daprHTTPPort", (int?)app.DaprHttpPort), ("daprGRPCPort", (int?)app.DaprGrpcPort) })
        {
            if (port is not > 0) continue;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port.Value);
                listener.Start();
            }
            catch (SocketException)
            {
                throw new ResourceLoadException($"app '{app.AppId}': {what} {port} is already in use (stop what holds it, or change dapr.yaml)");
            }
        }
    }

    private async Task<bool> WaitForAppsAsync(IEnumerable<Sidecar.LocalSidecar> sidecars, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(sidecars.Select(s => WaitForAppAsync(s, cancellationToken)));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Say($"an app did not become ready: {e.Message}");
            return false;
        }
    }

    /// <summary>
    /// An app slower than the start limit (a cold start on a busy machine) is waited for still: its sidecar subscribes
    /// it, starts its bindings and places its actors when it answers, and the run is announced then.
    /// </summary>
    private async Task WaitForAppAsync(Sidecar.LocalSidecar sidecar, CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(sidecar.AppReady, sidecar.AppStartOverdue).WaitAsync(cancellationToken);
        if (first != sidecar.AppReady)
        {
            Say($"app '{sidecar.AppId}' has not answered within {options.AppStartLimit.TotalMinutes:0.##} min; still waiting: its subscriptions, bindings and actors start when it answers");
            await sidecar.AppReady.WaitAsync(cancellationToken);
            Say($"app '{sidecar.AppId}' answered; its subscriptions, bindings and actors started");
        }

        await sidecar.AppReady;
    }

    /// <summary>
    /// Builds the apps' projects (one .csproj per app directory) through a solution filter, so tests and tools are not
    /// built just to run the shop.
    /// </summary>
    private async Task<bool> BuildAsync(RunFile runFile, CancellationToken cancellationToken)
    {
        var solution = Directory.EnumerateFiles(runFile.Directory, "*.sln").FirstOrDefault();
        var projects = runFile.Apps
            .Select(app => Directory.Exists(app.AppDirPath) ? Directory.EnumerateFiles(app.AppDirPath, "*.csproj").FirstOrDefault() : null)
            .OfType<string>()
            .Select(project => Path.GetRelativePath(runFile.Directory, project))
            .ToList();
        if (solution is null || projects.Count == 0) return true;

        var filter = Path.Combine(Path.GetTempPath(), $"local-dapr-{Guid.NewGuid():N}.slnf");
        await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new { solution = new { path = solution, projects } }), cancellationToken);
        try
        {
            Say($"building {string.Join(", ", projects.Select(Path.GetFileNameWithoutExtension))}");
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = runFile.Directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "build", filter, "-nologo", "-v:q", "-clp:ErrorsOnly" }) info.ArgumentList.Add(arg);
            using var build = Process.Start(info)!;
            var stdout = build.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = build.StandardError.ReadToEndAsync(cancellationToken);
            await build.WaitForExitAsync(cancellationToken);
            if (build.ExitCode == 0) return true;
            await output.WriteLineAsync(await stdout + await stderr);
            Say("the build failed");
            return false;
        }
        finally
        {
            File.Delete(filter);
        }
    }

    private void Say(string message)
    {
        lock (output) output.WriteLine($"== local-dapr == {message}");
    }
}
