using System.Net;
using LocalDapr.Hosting;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Launcher;

// Contract: https://docs.dapr.io/developing-applications/local-development/multi-app-dapr-run/multi-app-template/
// and https://docs.dapr.io/developing-applications/building-blocks/service-invocation/howto-invoke-services-grpc/
public sealed class LauncherTests
{
    [Fact]
    public async Task Two_apps_from_a_run_file_invoke_each_other_over_http_and_grpc_receive_events_and_are_reached_through_the_gateway()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryPubSub);
        var (ping, pong, gateway, pingSidecar) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        var runFile = folder.Write("dapr.yaml", $"""
            version: 1
            common:
              resourcesPath: .
            apps:
              - appID: ping
                appDirPath: .
                appPort: {ping}
                daprHTTPPort: {pingSidecar}
                appProtocol: h2c
                command: ["dotnet", "{Artifacts.TestAppDll}"]
              - appID: pong
                appDirPath: .
                appPort: {pong}
                appProtocol: h2c
                command: ["dotnet", "{Artifacts.TestAppDll}"]
              - appID: gateway
                appDirPath: .
                appPort: {gateway}
                command: ["dotnet", "{Artifacts.GatewayDll}"]
                env:
                  ASPNETCORE_URLS: http://127.0.0.1:{gateway}
                  Gateway__Services__0: ping
                  Gateway__Services__1: pong
            """);
        var output = new SyncWriter();
        using var stop = new CancellationTokenSource();
        var launcher = new Hosting.Launcher(new LauncherOptions(runFile, null, Build: false, EntryAppId: "gateway"), output, NullLoggerFactory.Instance);
        var run = launcher.RunAsync(stop.Token);

        await Eventually.ReturnsAsync(() => Task.FromResult(output.ToString()), o => o.Contains("is running", StringComparison.Ordinal) || run.IsCompleted,
            TimeSpan.FromSeconds(60), "for the apps to start");
        run.IsCompleted.Should().BeFalse(run.IsCompleted ? $"the launcher stopped early: {run.Exception?.InnerException?.Message} {output}" : "");
        output.ToString().Should().Contain($"dapr.yaml (ping, pong, gateway) is running; gateway: http://localhost:{gateway}")
            .And.NotContain("Space of Sport", "the launcher names the run file it runs, not the shop");

        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var relay = await http.PostAsync(new Uri($"http://127.0.0.1:{ping}/relay/pong"), null);
        relay.StatusCode.Should().Be(HttpStatusCode.OK, await relay.Content.ReadAsStringAsync());
        var greeting = await relay.Content.ReadFromJsonAsync<Greeting>();
        greeting!.OverHttp.Should().Be("hello from pong over HTTP");
        greeting.OverGrpc.Should().Be("hello ping from pong over gRPC");

        // Both apps subscribe to the topic: each gets the event once (fan-out across app-ids).
        foreach (var port in new[] { ping, pong })
        {
            var received = await Eventually.ReturnsAsync(
                () => http.GetFromJsonAsync<Greeting[]>(new Uri($"http://127.0.0.1:{port}/received")),
                r => r is { Length: > 0 }, because: $"for the event at port {port}");
            received.Should().ContainSingle().Which.Should().Be(greeting);
        }

        // The gateway routes to both apps through its sidecar.
        using var browser = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway}") };
        (await browser.GetStringAsync(new Uri("/api/ping/hello", UriKind.Relative))).Should().Be("hello from ping through the gateway");
        (await browser.GetStringAsync(new Uri("/api/pong/hello", UriKind.Relative))).Should().Be("hello from pong through the gateway");

        // The run file sets no APP_API_TOKEN: the launcher drew one for each app, and the sidecar sends it; a direct call has none.
        (await browser.GetFromJsonAsync<AppApiTokenSeen>(new Uri("/api/ping/app-api-token", UriKind.Relative)))
            .Should().Be(new AppApiTokenSeen(Configured: true, Received: true));
        (await http.GetFromJsonAsync<AppApiTokenSeen>(new Uri($"http://127.0.0.1:{ping}/api/app-api-token")))
            .Should().Be(new AppApiTokenSeen(Configured: true, Received: false));

        // Nor does it set DAPR_API_TOKEN: each sidecar demands one drawn for this run, which its app's SDK read from the
        // environment for every call above; anyone else is refused, except for the health check.
        using var sidecar = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{pingSidecar}") };
        (await sidecar.GetAsync(new Uri("/v1.0/metadata", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await sidecar.PostAsJsonAsync(new Uri("/v1.0/publish/pubsub/greetings", UriKind.Relative), new { })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await sidecar.GetAsync(new Uri("/v1.0/invoke/pong/method/hello", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await sidecar.GetAsync(new Uri("/v1.0/healthz", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await stop.CancelAsync();
        (await run.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        output.ToString().Should().Contain("== APP - pong ==");
        var stopped = async () => await http.GetAsync(new Uri($"http://127.0.0.1:{ping}/hello"));
        await stopped.Should().ThrowAsync<HttpRequestException>("the launcher stops its apps");
    }

    private sealed record Greeting(string From, string OverHttp, string OverGrpc);

    private sealed record AppApiTokenSeen(bool Configured, bool Received);
}
