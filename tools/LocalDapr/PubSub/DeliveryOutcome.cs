namespace LocalDapr.PubSub;

/// <summary>What the subscriber decided about a message.</summary>
public enum DeliveryOutcome
{
    /// <summary>Processed: acknowledge.</summary>
    Success,

    /// <summary>Not processed, and never will be: acknowledge without processing (Dapr's DROP).</summary>
    Drop,

    /// <summary>Not processed now: leave it with the broker, which redelivers it later where it can.</summary>
    Failed,
}
