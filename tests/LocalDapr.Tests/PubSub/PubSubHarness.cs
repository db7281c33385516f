using System.Text;
using LocalDapr.Tests.Infrastructure;
using StackExchange.Redis;

namespace LocalDapr.Tests.PubSub;

/// <summary>
/// A runtime whose resources hold a pub/sub component named <c>pubsub</c> on one backend, with its log recorded, plus
/// the apps a test starts on it. Topics are unique per test, since the Redis server is shared.
/// </summary>
public sealed class PubSubHarness : IAsyncDisposable
{
    public const string PubSubName = "pubsub";

    /// <summary>Inbound retries for the pubsub component: 2 retries 50 ms apart, so failure tests stay quick.</summary>
    public const string QuickRetries = """
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: quick-retries
        spec:
          policies:
            retries:
              quick:
                policy: constant
                duration: 50ms
                maxRetries: 2
          targets:
            components:
              pubsub:
                inbound:
                  retry: quick
        """;

    /// <summary>Well past the last retry <see cref="QuickRetries"/> allows (two retries 50 ms apart): a test that asserts
    /// that a message was not delivered again waits this long first.</summary>
    public static readonly TimeSpan QuickRetriesWindow = TimeSpan.FromSeconds(1);

    private readonly List<DaprTestApp> _apps = [];
    private readonly List<string> _topics = [];
    private readonly ILoggerFactory _loggerFactory;

    private PubSubHarness(string backend, ComponentsFolder folder, LogRecorder logs, string? topic)
    {
        Backend = backend;
        Folder = folder;
        Logs = logs;
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        Runtime = LocalDaprRuntime.Create(loggerFactory: _loggerFactory);
        Topic = topic ?? NewTopic();
    }

    public string Backend { get; }

    public ComponentsFolder Folder { get; }

    public LogRecorder Logs { get; }

    public LocalDaprRuntime Runtime { get; }

    /// <summary>A topic of this test alone; removed from Redis at the end unless the test chose it.</summary>
    public string Topic { get; }

    public Inbox Inbox { get; } = new();

    /// <summary>A runtime with the backend's component (plus <paramref name="documents"/>) in one resources folder.</summary>
    public static PubSubHarness Create(string backend, params string[] documents) =>
        new(backend, ComponentsFolder.Create([Component(backend), .. documents]), new LogRecorder(), null);

    public static PubSubHarness CreateWith(string backend, string component, string? topic = null) =>
        new(backend, ComponentsFolder.Create(component), new LogRecorder(), topic);

    /// <summary>The pub/sub component YAML for <paramref name="backend"/> ("in-memory" or "redis").</summary>
    public static string Component(string backend, IReadOnlyDictionary<string, string>? metadata = null, IReadOnlyList<string>? scopes = null)
    {
        var yaml = new StringBuilder($"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {PubSubName}
            spec:
              type: pubsub.{backend}
              version: v1

            """);
        var items = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>());
        if (backend == "redis") items.TryAdd("redisHost", Backends.RedisHost);
        yaml.Append(items.Count == 0 ? "  metadata: []\n" : "  metadata:\n");
        foreach (var (name, value) in items) yaml.Append($"  - name: {name}\n    value: \"{value}\"\n");
        if (scopes is { Count: > 0 }) yaml.Append("scopes:\n").AppendJoin("", scopes.Select(s => $"- {s}\n"));
        return yaml.ToString();
    }

    public string NewTopic(string prefix = "orders")
    {
        var topic = $"{prefix}-{Guid.NewGuid():N}";
        _topics.Add(topic);
        return topic;
    }

    /// <summary>Starts an app that subscribes through Dapr.AspNetCore (MapSubscribeHandler, and UseCloudEvents unless told not to).</summary>
    public async Task<DaprTestApp> StartAppAsync(string appId, Action<WebApplication> map, bool cloudEvents = true, bool subscribeHandler = true)
    {
        var app = await DaprTestApp.StartAsync(Runtime, appId, Folder.Path, map: web =>
        {
            if (cloudEvents) web.UseCloudEvents();
            if (subscribeHandler) web.MapSubscribeHandler();
            map(web);
        });
        _apps.Add(app);
        return app;
    }

    /// <summary>Starts an app that only publishes.</summary>
    public Task<DaprTestApp> StartPublisherAsync(string appId = "publisher") => StartAppAsync(appId, _ => { });

    public async Task StopAppAsync(DaprTestApp app)
    {
        _apps.Remove(app);
        await app.DisposeAsync();
    }

    /// <summary>Waits until the app's sidecar logged that it subscribed to <paramref name="topic"/>.</summary>
    public Task WaitSubscribedAsync(string appId, string topic) => Logs.WaitForAsync(1, $"app '{appId}' subscribed to {PubSubName}/{topic} ");

    public async ValueTask DisposeAsync()
    {
        foreach (var app in Enumerable.Reverse(_apps)) await app.DisposeAsync();
        await Runtime.DisposeAsync();
        _loggerFactory.Dispose();
        Folder.Dispose();
        if (Backend == "redis") await DeleteStreamsAsync(_topics);
    }

    /// <summary>Removes the test's streams from the shared Redis server.</summary>
    public static async Task DeleteStreamsAsync(IEnumerable<string> topics)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Backends.RedisHost);
        await redis.GetDatabase().KeyDeleteAsync([.. topics.Select(t => (RedisKey)t)]);
    }
}
