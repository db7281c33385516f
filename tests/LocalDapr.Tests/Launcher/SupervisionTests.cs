using System.Diagnostics;
using System.Net;
using LocalDapr.Hosting;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Launcher;

// As Kubernetes restarts a crashed container (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy),
// the launcher restarts an app that exits, with a back-off, and gives up only after repeated crashes. Real processes,
// killed with SIGKILL.
public sealed class SupervisionTests
{
    [Fact]
    public async Task An_app_killed_with_sigkill_comes_back_while_the_other_apps_keep_serving()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryPubSub);
        var (steady, fragile) = (FreePort.Next(), FreePort.Next());
        var runFile = folder.Write("dapr.yaml", $"""
            version: 1
            common:
              resourcesPath: .
            apps:
              - appID: steady
                appDirPath: .
                appPort: {steady}
                appProtocol: h2c
                command: ["dotnet", "{Artifacts.TestAppDll}"]
              - appID: fragile
                appDirPath: .
                appPort: {fragile}
                appProtocol: h2c
                command: ["dotnet", "{Artifacts.TestAppDll}"]
            """);
        var output = new SyncWriter();
        using var stop = new CancellationTokenSource();
        var launcher = new Hosting.Launcher(new LauncherOptions(runFile, null, Build: false, EntryAppId: "steady", RestartBackoff: TimeSpan.FromMilliseconds(200)),
            output, NullLoggerFactory.Instance);
        var run = launcher.RunAsync(stop.Token);
        try
        {
            await Eventually.UntilAsync(() => output.ToString().Contains("is running", StringComparison.Ordinal) || run.IsCompleted, "the apps to start",
                TimeSpan.FromSeconds(90), () => output.ToString());
            using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            var pid = await http.GetFromJsonAsync<int>(new Uri($"http://127.0.0.1:{fragile}/pid"));

            using (var victim = Process.GetProcessById(pid)) victim.Kill();

            (await http.GetStringAsync(new Uri($"http://127.0.0.1:{steady}/hello"))).Should().Be("hello from steady over HTTP");
            var newPid = await Eventually.ReturnsAsync(() => http.GetFromJsonAsync<int>(new Uri($"http://127.0.0.1:{fragile}/pid")), p => p != pid,
                TimeSpan.FromSeconds(60), "for the killed app to be restarted");
            newPid.Should().NotBe(pid);
            output.ToString().Should().Contain("app 'fragile' exited with code 137; restarting it");
            run.IsCompleted.Should().BeFalse("one crash does not stop the run");
        }
        finally
        {
            await stop.CancelAsync();
        }

        (await run.WaitAsync(TimeSpan.FromSeconds(60))).Should().Be(0);
    }

    [Fact]
    public async Task An_app_that_keeps_crashing_is_given_up_on_and_the_run_stops_with_an_error()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryPubSub);
        var (steady, broken) = (FreePort.Next(), FreePort.Next());
        var runFile = folder.Write("dapr.yaml", $"""
            version: 1
            common:
              resourcesPath: .
            apps:
              - appID: steady
                appDirPath: .
                appPort: {steady}
                appProtocol: h2c
                command: ["dotnet", "{Artifacts.TestAppDll}"]
              - appID: broken
                appDirPath: .
                appPort: {broken}
                command: ["sh", "-c", "exit 3"]
            """);
        var output = new SyncWriter();
        var launcher = new Hosting.Launcher(
            new LauncherOptions(runFile, null, Build: false, EntryAppId: "steady", RestartBackoff: TimeSpan.FromMilliseconds(100), MaxRestarts: 3),
            output, NullLoggerFactory.Instance);

        var code = await launcher.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));

        code.Should().Be(1);
        var text = output.ToString();
        text.Should().Contain("app 'broken' exited with code 3; restarting it in 0.1s (restart 1 of at most 3 in a row)");
        text.Should().Contain("app 'broken' exited with code 3; restarting it in 0.2s (restart 2 of at most 3 in a row)");
        text.Should().Contain("app 'broken' exited with code 3, 4 times in a row; giving up and stopping the others");
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var steadyAnswers = () => http.GetAsync(new Uri($"http://127.0.0.1:{steady}/hello"));
        await steadyAnswers.Should().ThrowAsync<HttpRequestException>("giving up stops every app");
    }
}
