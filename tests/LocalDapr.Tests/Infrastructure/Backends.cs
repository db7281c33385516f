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

    public const string InMemoryPubSub = """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: pubsub
        spec:
          type: pubsub.in-memory
          version: v1
        """;

    /// <summary>Address of the Redis server the tests use (see <see cref="RedisServer"/>).</summary>
    public static string RedisHost => RedisServer.Address;
}
