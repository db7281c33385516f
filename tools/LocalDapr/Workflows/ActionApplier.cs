using Dapr.DurableTask.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace LocalDapr.Workflows;

/// <summary>What a committed turn asks the engine to do next: activities to dispatch and timers to arm.</summary>
internal sealed record TurnEffects(IReadOnlyList<HistoryEvent> Tasks, IReadOnlyList<HistoryEvent> Timers, bool ContinuedAsNew);

/// <summary>
/// Turns the actions a workflow returned into history events and side effects, as durabletask-go's
/// <c>runtimestate.Applier</c> does: each action becomes one history event with the action's id, plus an activity
/// to dispatch, a timer to arm, or a message to another instance (child start, raised event, termination,
/// completion reported to the parent).
/// </summary>
internal static class ActionApplier
{
    public static TurnEffects Apply(string instanceId, WorkflowRuntimeState state, WorkflowResponse response, DateTimeOffset now, string appId)
    {
        var tasks = new List<HistoryEvent>();
        var timers = new List<HistoryEvent>();
        if (response.CustomStatus is not null) state.CustomStatus = response.CustomStatus;
        foreach (var action in response.Actions)
        {
            switch (action.WorkflowActionTypeCase)
            {
                case WorkflowAction.WorkflowActionTypeOneofCase.CompleteWorkflow when state.CompletedEvent is null:
                    if (action.CompleteWorkflow.WorkflowStatus == OrchestrationStatus.ContinuedAsNew)
                    {
                        ContinueAsNew(state, action.CompleteWorkflow, now);
                        return new TurnEffects([], [], ContinuedAsNew: true);
                    }

                    Complete(instanceId, state, action, now);
                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.ScheduleTask:
                    var task = action.ScheduleTask;
                    var scheduled = RuntimeStates.Event(now, action.Id);
                    scheduled.TaskScheduled = new TaskScheduledEvent { Name = task.Name, Version = task.Version, Input = task.Input, TaskExecutionId = task.TaskExecutionId };
                    state.OldEvents.Add(scheduled);
                    state.PendingTasks.Add(scheduled);
                    tasks.Add(scheduled);
                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.CreateTimer:
                    var timer = action.CreateTimer;
                    var created = RuntimeStates.Event(now, action.Id);
                    created.TimerCreated = new TimerCreatedEvent { FireAt = timer.FireAt, Name = timer.Name };
                    switch (timer.OriginCase)
                    {
                        case CreateTimerAction.OriginOneofCase.CreateTimer: created.TimerCreated.CreateTimer = timer.CreateTimer; break;
                        case CreateTimerAction.OriginOneofCase.ExternalEvent: created.TimerCreated.ExternalEvent = timer.ExternalEvent; break;
                        case CreateTimerAction.OriginOneofCase.ActivityRetry: created.TimerCreated.ActivityRetry = timer.ActivityRetry; break;
                        case CreateTimerAction.OriginOneofCase.ChildWorkflowRetry: created.TimerCreated.ChildWorkflowRetry = timer.ChildWorkflowRetry; break;
                        case CreateTimerAction.OriginOneofCase.None:
                        default:
                            break;
                    }

                    state.OldEvents.Add(created);
                    if (!RuntimeStates.IsNeverFiring(timer.FireAt))
                    {
                        var fired = RuntimeStates.Event(now);
                        fired.TimerFired = new TimerFiredEvent { TimerId = action.Id, FireAt = timer.FireAt };
                        state.PendingTimers.Add(fired);
                        timers.Add(fired);
                    }

                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.CreateChildWorkflow:
                    StartChild(instanceId, state, action, now, appId);
                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.CreateDetachedWorkflow:
                    var detached = action.CreateDetachedWorkflow;
                    var detachedEvent = RuntimeStates.Event(now, action.Id);
                    detachedEvent.DetachedWorkflowInstanceCreated = new DetachedWorkflowInstanceCreatedEvent { InstanceId = detached.InstanceId };
                    state.OldEvents.Add(detachedEvent);
                    var detachedStart = RuntimeStates.Event(now);
                    detachedStart.ExecutionStarted = new ExecutionStartedEvent
                    {
                        Name = detached.Name,
                        Version = detached.Version,
                        Input = detached.Input,
                        ScheduledStartTimestamp = detached.ScheduledStartTimestamp,
                        WorkflowInstance = new WorkflowInstance { InstanceId = detached.InstanceId, ExecutionId = string.IsNullOrEmpty(detached.ExecutionId) ? Guid.NewGuid().ToString() : detached.ExecutionId },
                    };
                    detachedStart.ExecutionStarted.Tags.Add(detached.Tags);
                    Send(state, detached.InstanceId, detachedStart);
                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.SendEvent:
                    var send = action.SendEvent;
                    var sent = RuntimeStates.Event(now, action.Id);
                    sent.EventSent = new EventSentEvent { InstanceId = send.Instance.InstanceId, Name = send.Name, Input = send.Data };
                    state.OldEvents.Add(sent);
                    var raised = RuntimeStates.Event(now);
                    raised.EventRaised = new EventRaisedEvent { Name = send.Name, Input = send.Data };
                    Send(state, send.Instance.InstanceId, raised);
                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.TerminateWorkflow:
                    var terminate = RuntimeStates.Event(now);
                    terminate.ExecutionTerminated = new ExecutionTerminatedEvent { Input = action.TerminateWorkflow.Reason, Recurse = action.TerminateWorkflow.Recurse };
                    Send(state, action.TerminateWorkflow.InstanceId, terminate);
                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.CompleteWorkflow:
                case WorkflowAction.WorkflowActionTypeOneofCase.WorkflowVersionNotAvailable:
                case WorkflowAction.WorkflowActionTypeOneofCase.None:
                default:
                    // A second completion in one turn loses to the first, as in durabletask-go; versioning stalls are not supported.
                    break;
            }
        }

        return new TurnEffects(tasks, timers, ContinuedAsNew: false);
    }

    /// <summary>Terminates the instance outside a turn: the engine records a termination itself, no workflow code runs.</summary>
    public static void Terminate(string instanceId, WorkflowRuntimeState state, string? output, DateTimeOffset now)
    {
        var action = new WorkflowAction
        {
            Id = -1,
            CompleteWorkflow = new CompleteWorkflowAction { WorkflowStatus = OrchestrationStatus.Terminated, Result = output },
        };
        Complete(instanceId, state, action, now);
    }

    private static void Complete(string instanceId, WorkflowRuntimeState state, WorkflowAction action, DateTimeOffset now)
    {
        var completion = action.CompleteWorkflow;
        var completed = RuntimeStates.Event(now, action.Id);
        completed.ExecutionCompleted = new ExecutionCompletedEvent
        {
            WorkflowStatus = completion.WorkflowStatus,
            Result = completion.Result,
            FailureDetails = completion.FailureDetails,
        };
        state.OldEvents.Add(completed);
        state.CompletedEvent = completed.ExecutionCompleted;
        state.CompletedTime = Timestamp.FromDateTimeOffset(now);
        // Nothing left to run for a finished instance: its open activities and timers are dropped.
        state.PendingTasks.Clear();
        state.PendingTimers.Clear();

        if (state.StartEvent?.ParentInstance is not { } parent) return;
        var report = RuntimeStates.Event(now);
        if (completion.WorkflowStatus == OrchestrationStatus.Completed)
        {
            report.ChildWorkflowInstanceCompleted = new ChildWorkflowInstanceCompletedEvent { TaskScheduledId = parent.TaskScheduledId, Result = completion.Result };
        }
        else
        {
            report.ChildWorkflowInstanceFailed = new ChildWorkflowInstanceFailedEvent
            {
                TaskScheduledId = parent.TaskScheduledId,
                FailureDetails = completion.FailureDetails ?? new TaskFailureDetails
                {
                    ErrorType = completion.WorkflowStatus.ToString(),
                    ErrorMessage = $"child workflow '{instanceId}' ended with status {completion.WorkflowStatus}",
                },
            };
        }

        Send(state, parent.WorkflowInstance.InstanceId, report);
    }

    /// <summary>
    /// Continue-as-new: the history is wiped, and the new execution starts from the same name and parent with the
    /// new input, followed by the events the SDK carried over and whatever is still in the inbox.
    /// </summary>
    private static void ContinueAsNew(WorkflowRuntimeState state, CompleteWorkflowAction completion, DateTimeOffset now)
    {
        var previous = state.StartEvent;
        var start = RuntimeStates.Event(now);
        start.ExecutionStarted = new ExecutionStartedEvent
        {
            Name = previous.Name,
            Version = completion.NewVersion ?? previous.Version,
            ParentInstance = previous.ParentInstance,
            Input = completion.Result,
            WorkflowInstance = new WorkflowInstance { InstanceId = previous.WorkflowInstance.InstanceId, ExecutionId = Guid.NewGuid().ToString() },
        };
        start.ExecutionStarted.Tags.Add(previous.Tags);
        var inbox = state.NewEvents.ToList();
        state.OldEvents.Clear();
        state.NewEvents.Clear();
        state.NewEvents.Add(start);
        state.NewEvents.Add(completion.CarryoverEvents);
        state.NewEvents.Add(inbox);
        state.PendingTasks.Clear();
        state.PendingTimers.Clear();
        state.StartEvent = start.ExecutionStarted;
        state.ContinuedAsNew = true;
        state.IsSuspended = false;
    }

    private static void StartChild(string instanceId, WorkflowRuntimeState state, WorkflowAction action, DateTimeOffset now, string appId)
    {
        var child = action.CreateChildWorkflow;
        var childId = string.IsNullOrEmpty(child.InstanceId) ? $"{instanceId}:{action.Id:D4}" : child.InstanceId;
        var created = RuntimeStates.Event(now, action.Id);
        created.ChildWorkflowInstanceCreated = new ChildWorkflowInstanceCreatedEvent { InstanceId = childId, Name = child.Name, Version = child.Version, Input = child.Input };
        state.OldEvents.Add(created);
        var start = RuntimeStates.Event(now);
        start.ExecutionStarted = new ExecutionStartedEvent
        {
            Name = child.Name,
            Version = child.Version,
            Input = child.Input,
            WorkflowInstance = new WorkflowInstance { InstanceId = childId, ExecutionId = Guid.NewGuid().ToString() },
            ParentInstance = new ParentInstanceInfo
            {
                TaskScheduledId = action.Id,
                Name = state.StartEvent.Name,
                WorkflowInstance = new WorkflowInstance { InstanceId = instanceId, ExecutionId = RuntimeStates.ExecutionId(state) },
                AppID = appId,
            },
        };
        Send(state, childId, start);
    }

    private static void Send(WorkflowRuntimeState state, string target, HistoryEvent e) =>
        state.PendingMessages.Add(new WorkflowRuntimeStateMessage { TargetInstanceId = target, HistoryEvent = e });
}
