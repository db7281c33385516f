using System.Collections.Concurrent;
using System.Threading.Channels;

namespace LocalDapr.Workflows;

/// <summary>Work waiting for a worker: a turn of an instance, or one activity of one execution.</summary>
internal abstract record WorkRef(string InstanceId);

internal sealed record TurnWork(string InstanceId) : WorkRef(InstanceId);

internal sealed record ActivityWork(string InstanceId, string ExecutionId, int TaskId) : WorkRef(InstanceId)
{
    /// <summary>The completion token names the execution and task, so an answer still finds its task after a runtime restart.</summary>
    public string Token => $"a|{ExecutionId}|{TaskId}|{InstanceId}";

    public static ActivityWork? FromToken(string token)
    {
        var parts = token.Split('|', 4);
        return parts is ["a", var executionId, var taskId, var instanceId] && int.TryParse(taskId, out var id)
            ? new ActivityWork(instanceId, executionId, id)
            : null;
    }
}

/// <summary>
/// One app's <c>GetWorkItems</c> stream. Work is assigned to it through <see cref="Queue"/>; what it was given and has
/// not answered is dispatched again when the stream ends (the app crashed or restarted).
/// </summary>
internal sealed class WorkerConnection
{
    public Channel<WorkRef> Queue { get; } = Channel.CreateUnbounded<WorkRef>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Instances whose turn this worker runs.</summary>
    public ConcurrentDictionary<string, byte> Turns { get; } = new(StringComparer.Ordinal);

    /// <summary>Activities this worker runs.</summary>
    public ConcurrentDictionary<ActivityWork, byte> Activities { get; } = new();
}
