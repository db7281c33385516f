using GraphQL.DataLoader;

namespace SpaceOfSport.Ordering.GraphQL;

/// <summary>
/// Batches one request's lookups by key (the DataLoader pattern): a resolver asks for a key and gets a deferred result;
/// graphql-dotnet completes deferred results only after every field of the level asked, so the first one fetches all
/// keys asked so far in one query. One instance per request (scoped), used by serial execution only.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, TValue missing)
    where TKey : notnull
{
    private readonly HashSet<TKey> _pending = [];
    private readonly Dictionary<TKey, TValue> _loaded = [];

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        if (!_loaded.ContainsKey(key)) _pending.Add(key);
        return new Deferred(this, key);
    }

    private async Task<TValue> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        if (_pending.Count > 0 && !_loaded.ContainsKey(key))
        {
            var keys = _pending.ToList();
            _pending.Clear();
            var fetched = await fetch(keys, cancellationToken);
            foreach (var asked in keys) _loaded[asked] = fetched.TryGetValue(asked, out var value) ? value : missing;
        }
        return _loaded.TryGetValue(key, out var found) ? found : missing;
    }

    private sealed class Deferred(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue>
    {
        public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
