namespace LocalDapr.State;

/// <summary>A stored value with its ETag (an opaque version string).</summary>
public sealed record StateEntry(byte[] Value, string ETag);

public enum StateOperationKind { Upsert, Delete }

/// <summary>The concurrency option of a write (https://docs.dapr.io/reference/api/state_api/#optional-behaviors).</summary>
public enum StateConcurrency { Unspecified, FirstWrite, LastWrite }

/// <summary>
/// One write. <see cref="ETag"/> null means "no ETag given": under <see cref="StateConcurrency.FirstWrite"/> the write
/// then only succeeds when the key does not exist yet; otherwise last write wins. What a store does with an ETag under
/// <see cref="StateConcurrency.LastWrite"/>, or with an ETag for a key that does not exist, differs per store in daprd,
/// and each store here does what its daprd counterpart does.
/// </summary>
public sealed record StateOperation(
    StateOperationKind Kind,
    string Key,
    byte[]? Value = null,
    string? ETag = null,
    StateConcurrency Concurrency = StateConcurrency.Unspecified,
    TimeSpan? Ttl = null)
{
    public bool FirstWrite => Concurrency == StateConcurrency.FirstWrite;
}

/// <summary>The ETag given does not match the stored one: Dapr answers gRPC Aborted / HTTP 409.</summary>
public sealed class ETagMismatchException(string key) : Exception($"possible etag mismatch for key '{key}'")
{
    public string Key { get; } = key;
}

/// <summary>The ETag given cannot be one this store issued: Dapr answers gRPC InvalidArgument / HTTP 400.</summary>
public sealed class InvalidETagException(string key, string etag) : Exception($"invalid etag '{etag}' for key '{key}'")
{
    public string Key { get; } = key;
}

/// <summary>
/// A Dapr state store (https://docs.dapr.io/reference/api/state_api/). Every write goes through
/// <see cref="TransactAsync"/>, which is all or nothing: an ETag mismatch on any operation leaves every key as it was.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken);

    Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken);
}

public static class StateStoreExtensions
{
    public static Task SetAsync(this IStateStore store, string key, byte[] value, string? etag = null, CancellationToken cancellationToken = default) =>
        store.TransactAsync([new StateOperation(StateOperationKind.Upsert, key, value, etag)], cancellationToken);

    public static Task DeleteAsync(this IStateStore store, string key, string? etag = null, CancellationToken cancellationToken = default) =>
        store.TransactAsync([new StateOperation(StateOperationKind.Delete, key, ETag: etag)], cancellationToken);

    /// <summary>Reads keys in parallel, as Dapr's bulk get does for stores without a native bulk read.</summary>
    public static async Task<IReadOnlyList<(string Key, StateEntry? Entry)>> BulkGetAsync(
        this IStateStore store, IReadOnlyList<string> keys, int parallelism, CancellationToken cancellationToken)
    {
        var results = new (string, StateEntry?)[keys.Count];
        await Parallel.ForAsync(0, keys.Count,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : 16, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = (keys[i], await store.GetAsync(keys[i], ct)));
        return results;
    }

    /// <summary>Reads the <c>ttlInSeconds</c> request metadata Dapr uses for per-item time-to-live.</summary>
    public static TimeSpan? TtlFrom(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue("ttlInSeconds", out var text) && int.TryParse(text, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
