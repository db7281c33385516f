namespace LocalDapr.PubSub;

/// <summary>A message as the broker carries it: the CloudEvent envelope bytes plus broker metadata.</summary>
public sealed record BrokerMessage(string Id, string Topic, byte[] Data, IReadOnlyDictionary<string, string> Metadata);
