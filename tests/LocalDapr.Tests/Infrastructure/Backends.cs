namespace LocalDapr.Tests.Infrastructure;

/// <summary>Component YAML for each backend a conformance test runs against.</summary>
public static class Backends
{
    public const string InMemoryState = """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: statestore
        spec:
          type: state.in-memory
          version: v1
        """;

    public const string InMemoryPubSub = SpaceOfSport.TestSupport.TestComponents.InMemoryPubSub;

    /// <summary>A SQLite state store keeping its file at <paramref name="databaseFile"/> (absolute or relative to the runtime's base directory).</summary>
    public static string SqliteState(string databaseFile) => SpaceOfSport.TestSupport.TestComponents.SqliteStateStore(databaseFile);

    public static string RedisState => SpaceOfSport.TestSupport.TestComponents.RedisStateStore(RedisHost);

    /// <summary>An in-memory state store marked as the actor state store.</summary>
    public const string InMemoryActorState = """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: actorstore
        spec:
          type: state.in-memory
          version: v1
          metadata:
            - name: actorStateStore
              value: "true"
        """;

    /// <summary>A SQLite actor state store in <paramref name="databaseFile"/>: it outlives the runtime.</summary>
    public static string SqliteActorState(string databaseFile) => $"""
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

    /// <summary>Address of the Redis server the tests use (a private one; see <see cref="SpaceOfSport.TestSupport.RedisServer"/>).</summary>
    public static string RedisHost => SpaceOfSport.TestSupport.RedisServer.Address;
}
