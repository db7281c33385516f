namespace LocalDapr.State;

public enum StateOperationKind { Upsert, Delete }

/// <summary>
/// One write. <see cref="ETag"/> null means "no ETag given": with <see cref="FirstWrite"/> the write then only
/// succeeds when the key does not exist yet (Dapr's first-write-wins); otherwise last write wins.
/// </summary>
public sealed record StateOperation(
    StateOperationKind Kind,
    string Key,
    byte[]? Value = null,
    string? ETag = null,
    bool FirstWrite = false,
    TimeSpan? Ttl = null);
