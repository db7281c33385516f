using System.Net;
using LocalDapr.Hosting;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Launcher;

// daprd waits for its app without a limit before it subscribes it
// (https://docs.dapr.io/reference/arguments-annotations-overview/: --app-channel-address, no start deadline); the
// launcher reports an app slower than its start limit but still subscribes it when it answers.
public sealed class SlowStartTests
{
    private const string SidecarToken = "slow-start-test-token";

    [Fact]
    public async Task An_app_that_answers_after_the_start_limit_is_subscribed_when_it_does_and_the_run_is_announced_then()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryPubSub);
        var (appPort, sidecarPort) = (FreePort.Next(), FreePort.Next());
        // The app starts only once the test creates this file, i.e. after the launcher reported it overdue.
        var gate = Path.Combine(folder.Path, $"start-{Guid.NewGuid():N}");
        var runFile = folder.Write("dapr.yaml", $"""
            version: 1
            common:
              resourcesPath: .
            apps:
              - appID: late
                appDirPath: .
                appPort: {appPort}
                daprHTTPPort: {sidecarPort}
                appProtocol: h2c
                command: ["sh", "-c", "while [ ! -e '{gate}' ]; do sleep 0.1; done; exec dotnet '{Artifacts.TestAppDll}'"]
                env:
                  DAPR_API_TOKEN: {SidecarToken}
            """);
        var output = new SyncWriter();
        using var stop = new CancellationTokenSource();
        var launcher = new Hosting.Launcher(
            new LauncherOptions(runFile, null, Build: false, EntryAppId: "late", StartLimit: TimeSpan.FromMilliseconds(500)), output, NullLoggerFactory.Instance);
        var run = launcher.RunAsync(stop.Token);
        try
        {
            await Eventually.UntilAsync(() => output.ToString().Contains("app 'late' has not answered within", StringComparison.Ordinal) || run.IsCompleted,
                "the launcher to report the app overdue", TimeSpan.FromSeconds(60), () => output.ToString());
            output.ToString().Should().NotContain("is running", "the run is announced only once every app answered");

            await File.WriteAllTextAsync(gate, "");
            await Eventually.UntilAsync(() => output.ToString().Contains("is running", StringComparison.Ordinal) || run.IsCompleted,
                "the late app to answer", TimeSpan.FromSeconds(90), () => output.ToString());
            run.IsCompleted.Should().BeFalse(output.ToString());
            output.ToString().Should().Contain("app 'late' answered; its subscriptions, bindings and actors started");

            using var sidecar = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{sidecarPort}") };
            sidecar.DefaultRequestHeaders.Add("dapr-api-token", SidecarToken);
            using var published = await sidecar.PostAsJsonAsync("/v1.0/publish/pubsub/greetings", new Greeting("slow-start-test", "published", "after the late start"));
            published.StatusCode.Should().Be(HttpStatusCode.NoContent);

            using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            var received = await Eventually.ReturnsAsync(
                () => http.GetFromJsonAsync<Greeting[]>(new Uri($"http://127.0.0.1:{appPort}/received")),
                r => r is { Length: > 0 }, TimeSpan.FromSeconds(30), "for the event at the late app");
            received.Should().ContainSingle().Which.From.Should().Be("slow-start-test");
        }
        finally
        {
            await stop.CancelAsync();
        }

        (await run.WaitAsync(TimeSpan.FromSeconds(60))).Should().Be(0);
    }

    private sealed record Greeting(string From, string OverHttp, string OverGrpc);
}
