using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Dapr.Client;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;
using LocalDapr.Tests.PubSub;
using SpaceOfSport.TestSupport;
using StackExchange.Redis;

namespace LocalDapr.Tests.State;

// Contract: https://docs.dapr.io/developing-applications/building-blocks/state-management/howto-outbox/ ("If publishing
// or cleanup fails, Dapr retries, ensuring reliable at-least-once delivery"). The runtime is a real process, killed with
// SIGKILL after the transaction committed and before its message could be published (the broker was down).
public sealed class OutboxCrashTests
{
    [Theory]
    [MemberData(nameof(OutboxTests.Stores), MemberType = typeof(OutboxTests))]
    public async Task A_message_committed_before_the_runtime_was_killed_is_published_after_the_restart(string store)
    {
        await using var broker = await RestartableRedis.StartAsync();
        using var folder = ComponentsFolder.Create(PubSubHarness.Component("redis", new Dictionary<string, string> { ["redisHost"] = broker.Address }));
        var topic = $"outbox-{Guid.NewGuid():N}";
        folder.Write("statestore.yaml", OutboxBed.StateStore(store, Path.Combine(folder.Path, "state.db"), "pubsub", topic));
        var grpcPort = FreePort.Next();
        var runFile = folder.Write("dapr.yaml", $"""
            version: 1
            apps:
              - appID: writer{Guid.NewGuid():N}
                appDirPath: .
                daprHTTPPort: {FreePort.Next()}
                daprGRPCPort: {grpcPort}
                command: ["sleep", "600"]
                env:
                  DAPR_API_TOKEN: outbox-crash-token
            """);
        var key = $"order-{Guid.NewGuid():N}";
        using var dapr = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{grpcPort}").UseDaprApiToken("outbox-crash-token").Build();

        var runtime = await StartLauncherAsync(folder.Path, runFile);
        try
        {
            await broker.KillAsync();
            await dapr.ExecuteStateTransactionAsync("statestore",
                [new StateTransactionRequest(key, Encoding.UTF8.GetBytes("""{"placed":true}"""), StateOperationType.Upsert,
                    metadata: new Dictionary<string, string> { ["contentType"] = "application/json" })]);
        }
        finally
        {
            runtime.Kill(entireProcessTree: true);
            await runtime.WaitForExitAsync();
        }

        await broker.StartAgainAsync();
        (await StreamAsync(broker, topic)).Should().BeEmpty("the runtime died before it could publish");
        runtime = await StartLauncherAsync(folder.Path, runFile);
        try
        {
            var published = await Eventually.ReturnsAsync(() => StreamAsync(broker, topic), events => events.Count > 0, TimeSpan.FromSeconds(30),
                "the message to be published after the restart");
            published.Should().ContainSingle();
            published[0]["data"]!.ToJsonString().Should().Be("""{"placed":true}""");
            published[0]["topic"]!.GetValue<string>().Should().Be(topic);
            (await dapr.GetStateAsync<JsonObject>("statestore", key))["placed"]!.GetValue<bool>().Should().BeTrue();
        }
        finally
        {
            runtime.Kill(entireProcessTree: true);
            await runtime.WaitForExitAsync();
        }
    }

    /// <summary>The CloudEvents on the broker's stream for <paramref name="topic"/> (the Redis pub/sub's field <c>data</c>).</summary>
    private static async Task<IReadOnlyList<JsonObject>> StreamAsync(RestartableRedis broker, string topic)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(broker.Address);
        var entries = await redis.GetDatabase().StreamRangeAsync(topic);
        return [.. entries.Select(e => JsonNode.Parse((string)e["data"]!)!.AsObject())];
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
