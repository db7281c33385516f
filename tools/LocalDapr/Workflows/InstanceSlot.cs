using Dapr.DurableTask.Protobuf;

namespace LocalDapr.Workflows;

/// <summary>
/// One workflow instance as the engine holds it: the committed state (replaced on every commit, never changed in
/// place, so readers need no lock), the turn in flight, and the armed timers. <see cref="Gate"/> serialises every
/// change, so at most one turn runs per instance.
/// </summary>
internal sealed class InstanceSlot(string id)
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The committed state; null when the instance does not exist (never created, or purged).</summary>
    public WorkflowRuntimeState? State { get; private set; }

    /// <summary>The turn a worker is running, if any.</summary>
    public WorkflowTurn? Turn { get; set; }

    /// <summary>True while a turn for this instance waits in the dispatch queue.</summary>
    public bool TurnQueued { get; set; }

    /// <summary>Armed durable timers by timer id (the CreateTimer action's id).</summary>
    public Dictionary<int, ITimer> Timers { get; } = [];

    /// <summary>Armed for a start scheduled in the future.</summary>
    public ITimer? StartTimer { get; set; }

    /// <summary>Completes at the next commit: what WaitForInstanceStart/Completion and the blocking management calls wait on.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public void Commit(WorkflowRuntimeState? state)
    {
        State = state;
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public void DisarmTimers()
    {
        foreach (var timer in Timers.Values) timer.Dispose();
        Timers.Clear();
        StartTimer?.Dispose();
        StartTimer = null;
    }
}

/// <summary>
/// A turn handed to a worker: the <c>WorkflowStarted</c> event made for it, the inbox events it was given (they join the
/// history when the turn commits) and the duplicates it was spared (they are dropped then).
/// </summary>
internal sealed record WorkflowTurn(string Token, HistoryEvent Started, IReadOnlyList<HistoryEvent> Events, IReadOnlyList<HistoryEvent> Dropped, WorkerConnection Worker);
