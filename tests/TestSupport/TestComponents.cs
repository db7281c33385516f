using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Cart;

namespace SpaceOfSport.TestSupport;

/// <summary>
/// Component folders for service tests and benchmarks: what <c>components/embedded</c> gives, without servers and
/// with schedules fast enough for a test.
/// </summary>
public static class TestComponents
{
    public const string InMemoryPubSub = """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: pubsub
        spec:
          type: pubsub.in-memory
          version: v1
        """;

    /// <summary>
    /// <c>pubsub-broadcast</c> as <c>components/embedded</c> gives it: the broker of <see cref="InMemoryPubSub"/> (the
    /// local runtime keeps one per folder), one consumer group per replica.
    /// </summary>
    public const string InMemoryBroadcastPubSub = """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: pubsub-broadcast
        spec:
          type: pubsub.in-memory
          version: v1
          metadata:
            - name: consumerID
              value: "{appID}-{podName}"
        """;

    /// <summary>A SQLite state store <c>statestore</c> keeping its file at <paramref name="databaseFile"/>.</summary>
    public static string SqliteStateStore(string databaseFile) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: statestore
        spec:
          type: state.sqlite
          version: v1
          metadata:
            - name: connectionString
              value: "Data Source={databaseFile}"
        """;

    /// <summary>A Redis state store <c>statestore</c> on the server at <paramref name="redisHost"/> (host:port).</summary>
    public static string RedisStateStore(string redisHost) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: statestore
        spec:
          type: state.redis
          version: v1
          metadata:
            - name: redisHost
              value: "{redisHost}"
        """;

    /// <summary>
    /// The cart's state components on one SQLite file: <c>statestore</c> and the outbox components for its events over
    /// the same data (as <c>components/embedded</c> declares them).
    /// </summary>
    public static string SqliteCartStateStores(string databaseFile) =>
        CartStateStores(SqliteStateStore(databaseFile), "state.sqlite", "connectionString", $"Data Source={databaseFile}");

    /// <summary>The cart's state components on one Redis server (as <c>components/local</c> declares them).</summary>
    public static string RedisCartStateStores(string redisHost) =>
        CartStateStores(RedisStateStore(redisHost), "state.redis", "redisHost", redisHost);

    private static string CartStateStores(string stateStore, string type, string connectionMetadata, string connection)
    {
        return string.Join("\n---\n", stateStore,
            Outbox(DaprComponents.CartChangedOutbox, IntegrationEvent.Topic<CartChanged>()),
            Outbox(DaprComponents.CartAbandonedOutbox, IntegrationEvent.Topic<CartAbandoned>()));

        string Outbox(string name, string topic) => $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
            spec:
              type: {type}
              version: v1
              metadata:
                - name: {connectionMetadata}
                  value: "{connection}"
                - name: outboxPublishPubsub
                  value: "{DaprComponents.PubSub}"
                - name: outboxPublishTopic
                  value: "{topic}"
            """;
    }

    /// <summary>A SQLite store <c>actorstore</c> marked <c>actorStateStore</c> (actors and workflows) keeping its file at <paramref name="databaseFile"/>.</summary>
    public static string SqliteActorStore(string databaseFile) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: actorstore
        spec:
          type: state.sqlite
          version: v1
          metadata:
            - name: connectionString
              value: "Data Source={databaseFile}"
            - name: actorStateStore
              value: "true"
        """;

    /// <summary>A secret store <c>secretstore</c> reading the JSON file <paramref name="secretsFile"/> (nested keys joined with <c>:</c>).</summary>
    public static string LocalFileSecretStore(string secretsFile) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: secretstore
        spec:
          type: secretstores.local.file
          version: v1
          metadata:
            - name: secretsFile
              value: "{secretsFile}"
            - name: nestedSeparator
              value: ":"
        """;

    /// <summary>A cron input binding named <paramref name="name"/>, firing every second, scoped to <paramref name="appId"/>.</summary>
    public static string EverySecond(string name, string appId) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: bindings.cron
          version: v1
          metadata:
            - name: schedule
              value: "@every 1s"
            - name: direction
              value: input
        scopes:
          - {appId}
        """;

    /// <summary>A new temporary folder (named after <paramref name="prefix"/>) holding one YAML file per component.</summary>
    public static async Task<string> CreateFolderAsync(string prefix, params string[] components)
    {
        var folder = Directory.CreateTempSubdirectory($"{prefix}-").FullName;
        for (var i = 0; i < components.Length; i++)
            await File.WriteAllTextAsync(Path.Combine(folder, $"component-{i}.yaml"), components[i]);
        return folder;
    }

    /// <summary>
    /// Points WebApplicationFactory at a service's content root (<c>services/&lt;name&gt;</c>): a test project finds it
    /// from its own manifest, a console benchmark has to name it.
    /// </summary>
    public static void UseServiceContentRoot(string service)
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "SpaceOfSport.sln"))) repository = repository.Parent;
        if (repository is null) throw new InvalidOperationException("Run from inside the repository: SpaceOfSport.sln not found above " + AppContext.BaseDirectory);
        Environment.SetEnvironmentVariable($"ASPNETCORE_TEST_CONTENTROOT_SPACEOFSPORT_{service.ToUpperInvariant()}", Path.Combine(repository.FullName, "services", service));
    }
}
