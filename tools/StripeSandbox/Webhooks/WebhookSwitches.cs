namespace StripeSandbox.Webhooks;

/// <summary>
/// How the sandbox misbehaves on purpose, so a handler's correctness can be proven: Stripe itself may deliver an event
/// late, twice, or after a newer one (https://docs.stripe.com/webhooks#handle-duplicate-events, #event-ordering).
/// </summary>
public sealed record WebhookSwitches
{
    /// <summary>Every delivery waits this long first.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Every event is delivered twice.</summary>
    public bool Duplicate { get; init; }

    /// <summary>Events are held back until released, then delivered newest first.</summary>
    public bool HoldForReordering { get; init; }
}

/// <summary>One delivery attempt, for tests and people to inspect.</summary>
public sealed record DeliveryAttempt(string EventId, string EventType, string Url, int Attempt, int? Status, string? Error, DateTimeOffset At);
