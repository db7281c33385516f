using Dapr.DurableTask.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace LocalDapr.Workflows;

/// <summary>
/// Reading a stored <see cref="WorkflowRuntimeState"/>, as durabletask-go's <c>runtimestate</c> package does. The
/// engine keeps one per instance: <c>OldEvents</c> is the committed history, <c>NewEvents</c> the inbox (events not yet
/// given to a turn), <c>PendingTasks</c> the activities scheduled and not yet answered, <c>PendingTimers</c> the
/// <c>TimerFired</c> events still to fire, and <c>PendingMessages</c> the outbox to other instances.
/// </summary>
internal static class RuntimeStates
{
    /// <summary>The status durabletask reports: PENDING until the first turn commits, then from the last completion or suspension.</summary>
    public static OrchestrationStatus Status(WorkflowRuntimeState state) => state switch
    {
        { CompletedEvent: { } completed } => completed.WorkflowStatus,
        { OldEvents.Count: 0, ContinuedAsNew: false } => OrchestrationStatus.Pending,
        { IsSuspended: true } => OrchestrationStatus.Suspended,
        _ => OrchestrationStatus.Running,
    };

    public static bool IsTerminal(WorkflowRuntimeState state) => state.CompletedEvent is not null;

    public static string ExecutionId(WorkflowRuntimeState state) => state.StartEvent?.WorkflowInstance?.ExecutionId ?? "";

    /// <summary>Suspend, resume and terminate are applied by the engine itself, between turns.</summary>
    public static bool IsControl(HistoryEvent e) =>
        e.EventTypeCase is HistoryEvent.EventTypeOneofCase.ExecutionSuspended
            or HistoryEvent.EventTypeOneofCase.ExecutionResumed
            or HistoryEvent.EventTypeOneofCase.ExecutionTerminated;

    /// <summary>
    /// True when <paramref name="e"/> resolves a task, timer or child workflow that the history already resolved, or
    /// starts an execution that already started: durabletask drops such events (at-least-once delivery makes them).
    /// </summary>
    public static bool IsDuplicate(IEnumerable<HistoryEvent> history, HistoryEvent e)
    {
        if (e.ExecutionStarted is not null) return history.Any(h => h.ExecutionStarted is not null);
        if (ResolvedId(e) is not { } id) return false;
        return history.Any(h => ResolvedId(h) == id);
    }

    /// <summary>The task, timer or child workflow an event resolves, as (kind, id).</summary>
    private static (char Kind, int Id)? ResolvedId(HistoryEvent e) => e.EventTypeCase switch
    {
        HistoryEvent.EventTypeOneofCase.TaskCompleted => ('t', e.TaskCompleted.TaskScheduledId),
        HistoryEvent.EventTypeOneofCase.TaskFailed => ('t', e.TaskFailed.TaskScheduledId),
        HistoryEvent.EventTypeOneofCase.TimerFired => ('f', e.TimerFired.TimerId),
        HistoryEvent.EventTypeOneofCase.ChildWorkflowInstanceCompleted => ('c', e.ChildWorkflowInstanceCompleted.TaskScheduledId),
        HistoryEvent.EventTypeOneofCase.ChildWorkflowInstanceFailed => ('c', e.ChildWorkflowInstanceFailed.TaskScheduledId),
        _ => null,
    };

    /// <summary>What <c>GetInstance</c> answers; inputs and outputs only when asked for.</summary>
    public static WorkflowState Describe(string instanceId, WorkflowRuntimeState state, bool withInputsAndOutputs)
    {
        var start = state.StartEvent;
        var described = new WorkflowState
        {
            InstanceId = instanceId,
            Name = start?.Name ?? "",
            WorkflowStatus = Status(state),
            CreatedTimestamp = state.CreatedTime,
            LastUpdatedTimestamp = state.LastUpdatedTime ?? state.CreatedTime,
            ScheduledStartTimestamp = start?.ScheduledStartTimestamp,
            ExecutionId = start?.WorkflowInstance?.ExecutionId,
            CompletedTimestamp = state.CompletedTime,
            ParentInstanceId = start?.ParentInstance?.WorkflowInstance?.InstanceId,
        };
        if (start?.Version is { } version) described.Version = version;
        if (start is not null) described.Tags.Add(start.Tags);
        if (!withInputsAndOutputs) return described;
        if (start?.Input is { } input) described.Input = input;
        if (state.CompletedEvent?.Result is { } output) described.Output = output;
        if (state.CustomStatus is { } customStatus) described.CustomStatus = customStatus;
        if (state.CompletedEvent?.FailureDetails is { } failure) described.FailureDetails = failure;
        return described;
    }

    /// <summary>The instances this one started as children (purge and terminate follow them).</summary>
    public static IEnumerable<string> Children(WorkflowRuntimeState state) =>
        state.OldEvents.Where(e => e.ChildWorkflowInstanceCreated is not null).Select(e => e.ChildWorkflowInstanceCreated.InstanceId).Distinct(StringComparer.Ordinal);

    public static HistoryEvent Event(DateTimeOffset at, int eventId = -1) => new() { EventId = eventId, Timestamp = Timestamp.FromDateTimeOffset(at) };

    /// <summary>
    /// A far-future fire time (<c>9999-12-31</c>) is the SDK's sentinel for "wait forever" (WaitForExternalEvent
    /// without timeout): such a timer is recorded but never armed.
    /// </summary>
    public static bool IsNeverFiring(Timestamp fireAt) => fireAt.Seconds >= NeverSeconds;

    private static readonly long NeverSeconds = new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
}
