namespace LocalDapr.State;

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
