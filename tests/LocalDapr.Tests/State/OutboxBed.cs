using System.Text;
using Dapr.Client;
using LocalDapr.Tests.Infrastructure;
using LocalDapr.Tests.PubSub;

namespace LocalDapr.Tests.State;

/// <summary>
/// A runtime whose state store <c>statestore</c> (SQLite or Redis) has an outbox to a topic of this test alone on the
/// pub/sub <c>pubsub</c> (in-memory unless given), a writer app and a subscriber app that records every CloudEvent as
/// it arrives (no CloudEvents middleware).
/// </summary>
public sealed class OutboxBed : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly ComponentsFolder _folder;
    private readonly LocalDaprRuntime _runtime;
    private DaprTestApp? _subscriber;

    private OutboxBed(ComponentsFolder folder, LogRecorder logs, string topic)
    {
        _folder = folder;
        Logs = logs;
        Topic = topic;
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        _runtime = LocalDaprRuntime.Create(loggerFactory: _loggerFactory);
    }

    public string Topic { get; }

    public LogRecorder Logs { get; }

    public Inbox Inbox { get; } = new();

    public DaprTestApp Writer { get; private set; } = null!;

    public static async Task<OutboxBed> StartAsync(string store, string? pubsub = null)
    {
        var topic = $"outbox-{Guid.NewGuid():N}";
        var folder = ComponentsFolder.Create(pubsub ?? PubSubHarness.Component("in-memory"));
        folder.Write("statestore.yaml", StateStore(store, Path.Combine(folder.Path, "state.db"), "pubsub", topic));
        var bed = new OutboxBed(folder, new LogRecorder(), topic);
        var subscriberId = $"audit{Guid.NewGuid():N}"[..13];
        bed._subscriber = await DaprTestApp.StartAsync(bed._runtime, subscriberId, folder.Path, map: web =>
        {
            web.MapSubscribeHandler();
            web.MapPost("/outbox", async (HttpRequest request) =>
            {
                await bed.Inbox.RecordAsync(request, subscriberId);
                return Results.Ok();
            }).WithTopic(PubSubHarness.PubSubName, topic);
        });
        await bed.Logs.WaitForAsync(1, $"app '{subscriberId}' subscribed to {PubSubHarness.PubSubName}/{topic} ");
        bed.Writer = await DaprTestApp.StartAsync(bed._runtime, $"orders{Guid.NewGuid():N}"[..14], folder.Path);
        return bed;
    }

    /// <summary>A <c>statestore</c> with an outbox to <paramref name="topic"/> on <paramref name="pubsub"/>.</summary>
    public static string StateStore(string store, string sqliteFile, string pubsub, string topic) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: statestore
        spec:
          type: state.{store}
          version: v1
          metadata:
            - name: {(store == "sqlite" ? "connectionString" : "redisHost")}
              value: "{(store == "sqlite" ? $"Data Source={sqliteFile}" : Backends.RedisHost)}"
            - name: outboxPublishPubsub
              value: "{pubsub}"
            - name: outboxPublishTopic
              value: "{topic}"
        """;

    public string NewKey() => $"key-{Guid.NewGuid():N}";

    /// <summary>
    /// One more transaction's event is received, and it is the only one beyond the <paramref name="delivered"/> before:
    /// the outbox relays in commit order, so nothing committed earlier is still on its way.
    /// </summary>
    public async Task AssertNoMoreDeliveriesAsync(int delivered)
    {
        await Writer.Client.ExecuteStateTransactionAsync("statestore",
            [new StateTransactionRequest(NewKey(), Encoding.UTF8.GetBytes("\"sentinel\""), StateOperationType.Upsert,
                metadata: new Dictionary<string, string> { ["contentType"] = "application/json" })]);
        var all = await Inbox.WaitForAsync(delivered + 1);
        await SpaceOfSport.TestSupport.Eventually.UntilAsync(() => Inbox.Deliveries.Any(d => d.Body.Contains("\"sentinel\"", StringComparison.Ordinal)), "the sentinel");
        Inbox.Deliveries.Should().HaveCount(delivered + 1, string.Join('\n', all.Select(d => d.Body)));
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        if (_subscriber is not null) await _subscriber.DisposeAsync();
        await _runtime.DisposeAsync();
        _loggerFactory.Dispose();
        _folder.Dispose();
    }
}
