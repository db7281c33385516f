namespace LocalDapr.State;

public enum StateOperationKind { Upsert, Delete }

/// <summary>The concurrency option of a write (https://docs.dapr.io/reference/api/state_api/#optional-behaviors).</summary>
public enum StateConcurrency { Unspecified, FirstWrite, LastWrite }

/// <summary>
/// One write. <see cref="ETag"/> null means "no ETag given": under <see cref="StateConcurrency.FirstWrite"/> the write
/// then only succeeds when the key does not exist yet; otherwise last write wins. What a store does with an ETag under
/// <see cref="StateConcurrency.LastWrite"/>, or with an ETag for a key that does not exist, differs per store in daprd,
/// and each store here does what its daprd counterpart does. <see cref="Metadata"/> is the item's request metadata
/// (the stores ignore it; the outbox reads <c>outbox.projection</c>, <c>contentType</c> and <c>cloudevent.*</c>).
/// </summary>
public sealed record StateOperation(
    StateOperationKind Kind,
    string Key,
    byte[]? Value = null,
    string? ETag = null,
    StateConcurrency Concurrency = StateConcurrency.Unspecified,
    TimeSpan? Ttl = null,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    public bool FirstWrite => Concurrency == StateConcurrency.FirstWrite;
}
