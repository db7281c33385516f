using System.Diagnostics;
using System.Net;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Launcher;

// Contract: https://docs.dapr.io/reference/components-reference/supported-pubsub/setup-redis-pubsub/ (redeliverInterval,
// processingTimeout) and at-least-once delivery (https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-overview/).
// The runtime and the app are real processes here, killed with SIGKILL: nothing gets a chance to acknowledge.
public sealed class CrashTests
{
    [Fact]
    public async Task A_message_taken_by_an_app_killed_with_its_runtime_is_delivered_once_after_restart()
    {
        using var folder = ComponentsFolder.Create($"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: pubsub
            spec:
              type: pubsub.redis
              version: v1
              metadata:
                - name: redisHost
                  value: "{Backends.RedisHost}"
                - name: redeliverInterval
                  value: "1s"
                - name: processingTimeout
                  value: "1s"
            """);
        var appId = $"crash{Guid.NewGuid():N}"[..16];
        var (appPort, daprPort) = (FreePort.Next(), FreePort.Next());

        var first = await StartLauncherAsync(folder, appId, appPort, daprPort, holdDeliveries: true);
        try
        {
            using var sidecar = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{daprPort}") };
            sidecar.DefaultRequestHeaders.Add("dapr-api-token", SidecarToken);
            using var published = await sidecar.PostAsJsonAsync($"/v1.0/publish/pubsub/greetings", new Greeting("crash-test", "before", "the crash"));
            published.StatusCode.Should().Be(HttpStatusCode.NoContent);
            await Eventually.ReturnsAsync(() => Task.FromResult(first.Output.ToString()), o => o.Contains("holding delivery from crash-test", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), "for the app to take the message");
        }
        finally
        {
            first.Process.Kill(entireProcessTree: true);
            await first.Process.WaitForExitAsync();
        }

        var second = await StartLauncherAsync(folder, appId, appPort, daprPort, holdDeliveries: false);
        try
        {
            using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            var received = await Eventually.ReturnsAsync(
                () => http.GetFromJsonAsync<Greeting[]>(new Uri($"http://127.0.0.1:{appPort}/received")),
                r => r is { Length: > 0 }, TimeSpan.FromSeconds(30), "for the redelivery");
            received.Should().ContainSingle().Which.From.Should().Be("crash-test");

            await Task.Delay(TimeSpan.FromSeconds(3)); // two more redelivery rounds: an acknowledged message must not come back
            (await http.GetFromJsonAsync<Greeting[]>(new Uri($"http://127.0.0.1:{appPort}/received"))).Should().ContainSingle();
        }
        finally
        {
            second.Process.Kill(entireProcessTree: true);
            await second.Process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_reminder_registered_before_its_runtime_and_app_were_killed_fires_after_restart()
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("components.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: actorstore
            spec:
              type: state.sqlite
              version: v1
              metadata:
                - name: connectionString
                  value: "{Path.Combine(folder.Path, "actors.db")}"
                - name: actorStateStore
                  value: "true"
            ---
            {Backends.InMemoryPubSub}
            """);
        var (appPort, daprPort) = (FreePort.Next(), FreePort.Next());
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        var first = await StartLauncherAsync(folder, "reminders", appPort, daprPort, holdDeliveries: false);
        try
        {
            using var armed = await http.PostAsync(new Uri($"http://127.0.0.1:{appPort}/arm/order-7?seconds=4"), null);
            armed.StatusCode.Should().Be(HttpStatusCode.OK, await armed.Content.ReadAsStringAsync());
        }
        finally
        {
            first.Process.Kill(entireProcessTree: true);
            await first.Process.WaitForExitAsync();
        }

        var second = await StartLauncherAsync(folder, "reminders", appPort, daprPort, holdDeliveries: false);
        try
        {
            var rung = await Eventually.ReturnsAsync(
                () => http.GetFromJsonAsync<string[]>(new Uri($"http://127.0.0.1:{appPort}/rung")),
                r => r is { Length: > 0 }, TimeSpan.FromSeconds(30), "for the reminder to fire after the restart");
            rung.Should().Equal("order-7");
        }
        finally
        {
            second.Process.Kill(entireProcessTree: true);
            await second.Process.WaitForExitAsync();
        }
    }

    /// <summary>The run file's own Dapr API token, so the test can publish through the sidecar as its app would.</summary>
    private const string SidecarToken = "crash-test-token";

    private static async Task<(Process Process, SyncWriter Output)> StartLauncherAsync(ComponentsFolder folder, string appId, int appPort, int daprPort, bool holdDeliveries)
    {
        var runFile = folder.Write("dapr.yaml", $"""
            version: 1
            apps:
              - appID: {appId}
                appDirPath: .
                appPort: {appPort}
                appProtocol: h2c
                daprHTTPPort: {daprPort}
                command: ["dotnet", "{Artifacts.TestAppDll}"]
                env:
                  HOLD_DELIVERIES: "{(holdDeliveries ? "1" : "0")}"
                  DAPR_API_TOKEN: {SidecarToken}
            """);
        var output = new SyncWriter();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Artifacts.LocalDaprDll, "-f", runFile, "--resources-path", folder.Path, "--no-build" }) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => output.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => output.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.ReturnsAsync(() => Task.FromResult(output.ToString()), o => o.Contains("is running", StringComparison.Ordinal) || process.HasExited,
            TimeSpan.FromSeconds(60), "for the launcher to start");
        process.HasExited.Should().BeFalse(output.ToString());
        return (process, output);
    }

    private sealed record Greeting(string From, string OverHttp, string OverGrpc);
}
