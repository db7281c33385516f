namespace SpaceOfSport.BuildingBlocks.Outbox;

public sealed class OutboxOptions
{
    /// <summary>The Dapr pub/sub component events go to.</summary>
    public string PubSubName { get; set; } = DaprComponents.PubSub;

    /// <summary>How often pending rows are looked for (latency of an event when no one wakes the dispatcher).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long to wait after a failed publish before trying again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 100;

    /// <summary>How long a sent row is kept (for inspection and replays by hand) before the dispatcher deletes it.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often, at most, the dispatcher deletes sent rows older than <see cref="Retention"/>.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement while pruning: short statements, so the service's own writes barely wait.</summary>
    public int PruneBatchSize { get; set; } = 1000;
}
