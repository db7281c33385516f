namespace LocalDapr.State;

/// <summary>
/// <c>state.in-memory</c>: a process-wide dictionary; transactions take one lock, so they are atomic. ETags follow
/// daprd's in-memory store (components-contrib state/in-memory): an ETag, whatever the concurrency option, must name the
/// current version of an existing key, and one it never issued is a mismatch like any other.
/// </summary>
public sealed class InMemoryStateStore(TimeProvider clock) : IStateStore
{
    private readonly Dictionary<string, (byte[] Value, long Version, DateTimeOffset? ExpiresAt)> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _nextVersion;

    public Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(TryGetLive(key, out var item) ? new StateEntry(item.Value, item.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);
        }
    }

    public Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var op in operations) Check(op);
            foreach (var op in operations)
            {
                if (op.Kind == StateOperationKind.Delete)
                {
                    _items.Remove(op.Key);
                }
                else
                {
                    _items[op.Key] = (op.Value ?? [], ++_nextVersion, op.Ttl is { } ttl && ttl > TimeSpan.Zero ? clock.GetUtcNow() + ttl : null);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> KeysStartingWithAsync(string prefix, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _items.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && TryGetLive(k, out _))]);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Check(StateOperation op)
    {
        var exists = TryGetLive(op.Key, out var current);
        if (op.ETag is null)
        {
            if (op.FirstWrite && op.Kind == StateOperationKind.Upsert && exists) throw new ETagMismatchException(op.Key);
            return;
        }

        if (!exists || current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != op.ETag) throw new ETagMismatchException(op.Key);
    }

    private bool TryGetLive(string key, out (byte[] Value, long Version, DateTimeOffset? ExpiresAt) item)
    {
        if (!_items.TryGetValue(key, out item)) return false;
        if (item.ExpiresAt is { } at && at <= clock.GetUtcNow())
        {
            _items.Remove(key);
            return false;
        }

        return true;
    }
}
