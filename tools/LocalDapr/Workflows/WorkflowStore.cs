using System.Text.Json;
using Dapr.DurableTask.Protobuf;
using Google.Protobuf;
using LocalDapr.State;

namespace LocalDapr.Workflows;

/// <summary>
/// Workflow state in the actor state store. Each instance is one key holding its <see cref="WorkflowRuntimeState"/>
/// (history, inbox, open activities and timers, outbox, custom status), so a turn commits with one atomic write; the
/// ids of every instance live in a few index keys, written in the same transaction as a creation or a purge, so a
/// restarted runtime finds what to resume. Keys follow daprd's <c>{appId}||dapr.internal.{namespace}.{appId}.workflow</c>
/// prefix, but the layout is this runtime's own (daprd splits history and inbox into numbered keys).
/// </summary>
internal sealed class WorkflowStore(IStateStore store, string appId)
{
    public const int IndexShards = 16;

    private readonly string _prefix = $"{appId}||dapr.internal.default.{appId}.workflow";

    public static int ShardOf(string instanceId) => (int)(Fnv(instanceId) % IndexShards);

    public async Task<IReadOnlyList<string>[]> LoadIndexAsync(CancellationToken cancellationToken)
    {
        var shards = new IReadOnlyList<string>[IndexShards];
        for (var shard = 0; shard < IndexShards; shard++)
        {
            var entry = await store.GetAsync(IndexKey(shard), cancellationToken);
            shards[shard] = entry is null ? [] : JsonSerializer.Deserialize<List<string>>(entry.Value) ?? [];
        }

        return shards;
    }

    public async Task<WorkflowRuntimeState?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(InstanceKey(instanceId), cancellationToken);
        return entry is null ? null : WorkflowRuntimeState.Parser.ParseFrom(entry.Value);
    }

    /// <summary>Writes an instance; with <paramref name="shardIds"/>, its index shard in the same transaction.</summary>
    public Task SaveAsync(WorkflowRuntimeState state, IReadOnlyCollection<string>? shardIds, CancellationToken cancellationToken)
    {
        var operations = new List<StateOperation> { new(StateOperationKind.Upsert, InstanceKey(state.InstanceId), state.ToByteArray()) };
        if (shardIds is not null) operations.Add(IndexWrite(state.InstanceId, shardIds));
        return store.TransactAsync(operations, cancellationToken);
    }

    /// <summary>Deletes an instance and rewrites its index shard, atomically.</summary>
    public Task DeleteAsync(string instanceId, IReadOnlyCollection<string> shardIds, CancellationToken cancellationToken) =>
        store.TransactAsync([new StateOperation(StateOperationKind.Delete, InstanceKey(instanceId)), IndexWrite(instanceId, shardIds)], cancellationToken);

    private StateOperation IndexWrite(string instanceId, IReadOnlyCollection<string> shardIds) =>
        new(StateOperationKind.Upsert, IndexKey(ShardOf(instanceId)), JsonSerializer.SerializeToUtf8Bytes(shardIds));

    private string InstanceKey(string instanceId) => $"{_prefix}||{instanceId}||state";

    private string IndexKey(int shard) => $"{_prefix}||index-{shard:D2}";

    // A stable hash: the shard of an id must not change between runs (string.GetHashCode does).
    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
