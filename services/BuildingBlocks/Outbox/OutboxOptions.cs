namespace SpaceOfSport.BuildingBlocks.Outbox;

public sealed class OutboxOptions
{
    /// <summary>The Dapr pub/sub component events go to.</summary>
    public string PubSubName { get; set; } = "pubsub";

    /// <summary>How often pending rows are looked for (latency of an event when no one wakes the dispatcher).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long to wait after a failed publish before trying again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 100;
}
