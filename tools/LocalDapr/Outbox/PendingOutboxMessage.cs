namespace LocalDapr.Outbox;

/// <summary>
/// A message the outbox owes: the CloudEvent (built when the transaction committed, so every delivery of it carries
/// the same id) and where it goes. Stored as a state key in the same transaction as the state it announces.
/// </summary>
public sealed record PendingOutboxMessage(string PubSub, string Topic, byte[] CloudEvent);
