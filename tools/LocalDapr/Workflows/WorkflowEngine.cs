using System.Collections.Concurrent;
using System.Threading.Channels;
using Dapr.DurableTask.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LocalDapr.State;

namespace LocalDapr.Workflows;

/// <summary>
/// The workflow engine of one app id, as daprd's (durabletask-go over actors) behaves for the Dapr Workflow SDK:
/// instances run one turn at a time; each turn gets the full history, a fresh <c>WorkflowStarted</c> and the inbox;
/// the actions it returns become history and side effects, committed atomically in the actor state store; activities,
/// timers and messages to other instances follow the commit. Work waits in a queue while no worker is connected, and
/// everything unanswered is dispatched again after a worker or the runtime restarts (activities at least once).
/// </summary>
internal sealed class WorkflowEngine : IAsyncDisposable
{
    private static readonly TimeSpan LongestTimerStep = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, InstanceSlot> _instances = new(StringComparer.Ordinal);
    private readonly HashSet<string>[] _index = new HashSet<string>[WorkflowStore.IndexShards];
    private readonly SemaphoreSlim[] _indexGates = new SemaphoreSlim[WorkflowStore.IndexShards];
    private readonly Channel<WorkRef> _ready = Channel.CreateUnbounded<WorkRef>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<string> _outbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<ActivityWork, WorkerConnection> _activityOwners = new();
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly List<WorkerConnection> _workers = [];
    private readonly Lock _workersGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly WorkflowStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private TaskCompletionSource _workerJoined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextWorker;
    private Task _dispatching = Task.CompletedTask;
    private Task _delivering = Task.CompletedTask;

    private WorkflowEngine(string appId, IStateStore store, TimeProvider clock, ILogger logger)
    {
        AppId = appId;
        _store = new WorkflowStore(store, appId);
        _clock = clock;
        _logger = logger;
        for (var i = 0; i < _indexGates.Length; i++) _indexGates[i] = new SemaphoreSlim(1, 1);
    }

    public string AppId { get; }

    /// <summary>Loads every instance of the app from the store and resumes what was in flight.</summary>
    public static async Task<WorkflowEngine> StartAsync(string appId, IStateStore store, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var engine = new WorkflowEngine(appId, store, clock, logger);
        var shards = await engine._store.LoadIndexAsync(cancellationToken);
        for (var shard = 0; shard < shards.Length; shard++) engine._index[shard] = new HashSet<string>(shards[shard], StringComparer.Ordinal);

        var loaded = new List<InstanceSlot>();
        foreach (var id in shards.SelectMany(s => s))
        {
            if (await engine._store.LoadAsync(id, cancellationToken) is not { } state) continue;
            var instance = engine._instances.GetOrAdd(id, i => new InstanceSlot(i));
            instance.Commit(state);
            loaded.Add(instance);
        }

        engine._dispatching = engine.DispatchLoopAsync();
        engine._delivering = engine.DeliverLoopAsync();
        foreach (var instance in loaded.Where(i => !RuntimeStates.IsTerminal(i.State!))) await engine.ResumeAsync(instance);
        if (loaded.Count > 0) logger.LogInformation("workflows of app '{AppId}': {Count} instance(s) loaded", appId, loaded.Count);
        return engine;
    }

    // ---- management (DaprWorkflowClient and the HTTP workflow API) ----

    public async Task<string> StartInstanceAsync(CreateInstanceRequest request, CancellationToken cancellationToken)
    {
        var id = string.IsNullOrEmpty(request.InstanceId) ? Guid.NewGuid().ToString() : request.InstanceId;
        if (string.IsNullOrEmpty(request.Name)) throw new RpcException(new Status(StatusCode.InvalidArgument, "workflow name is required"));
        var start = RuntimeStates.Event(Now);
        start.ExecutionStarted = new ExecutionStartedEvent
        {
            Name = request.Name,
            Version = request.Version,
            Input = request.Input,
            ScheduledStartTimestamp = request.ScheduledStartTimestamp,
            ParentTraceContext = request.ParentTraceContext,
            WorkflowInstance = new WorkflowInstance { InstanceId = id, ExecutionId = string.IsNullOrEmpty(request.ExecutionId) ? Guid.NewGuid().ToString() : request.ExecutionId },
        };
        start.ExecutionStarted.Tags.Add(request.Tags);
        var created = await CreateAsync(id, start, cancellationToken);
        if (!created) throw new RpcException(new Status(StatusCode.AlreadyExists, $"an active workflow with ID '{id}' already exists"));
        return id;
    }

    public GetInstanceResponse Describe(string instanceId, bool withInputsAndOutputs) =>
        Find(instanceId)?.State is { } state
            ? new GetInstanceResponse { Exists = true, WorkflowState = RuntimeStates.Describe(instanceId, state, withInputsAndOutputs) }
            : new GetInstanceResponse { Exists = false };

    /// <summary>Blocks until the instance's state satisfies <paramref name="reached"/> (or it does not exist).</summary>
    public async Task<GetInstanceResponse> WaitAsync(string instanceId, bool withInputsAndOutputs, Func<WorkflowRuntimeState, bool> reached, CancellationToken cancellationToken)
    {
        var instance = Find(instanceId);
        while (true)
        {
            var changed = instance?.Changed;
            if (instance?.State is not { } state) return new GetInstanceResponse { Exists = false };
            if (reached(state)) return Describe(instanceId, withInputsAndOutputs);
            await changed!.WaitAsync(cancellationToken);
        }
    }

    public async Task RaiseEventAsync(string instanceId, string name, string? input, CancellationToken cancellationToken)
    {
        var raised = RuntimeStates.Event(Now);
        raised.EventRaised = new EventRaisedEvent { Name = name, Input = input };
        await DeliverToExistingAsync(Existing(instanceId), raised, cancellationToken);
    }

    /// <summary>Terminates the instance (and, with <paramref name="recursive"/>, its children) and waits until it is terminal.</summary>
    public async Task TerminateAsync(string instanceId, string? output, bool recursive, CancellationToken cancellationToken)
    {
        var terminated = RuntimeStates.Event(Now);
        terminated.ExecutionTerminated = new ExecutionTerminatedEvent { Input = output, Recurse = recursive };
        await DeliverToExistingAsync(Existing(instanceId), terminated, cancellationToken);
        await WaitAsync(instanceId, false, RuntimeStates.IsTerminal, cancellationToken);
    }

    public async Task SuspendAsync(string instanceId, string? reason, CancellationToken cancellationToken)
    {
        var suspended = RuntimeStates.Event(Now);
        suspended.ExecutionSuspended = new ExecutionSuspendedEvent { Input = reason };
        await DeliverToExistingAsync(Existing(instanceId), suspended, cancellationToken);
        await WaitAsync(instanceId, false, s => s.IsSuspended || RuntimeStates.IsTerminal(s), cancellationToken);
    }

    public async Task ResumeAsync(string instanceId, string? reason, CancellationToken cancellationToken)
    {
        var resumed = RuntimeStates.Event(Now);
        resumed.ExecutionResumed = new ExecutionResumedEvent { Input = reason };
        await DeliverToExistingAsync(Existing(instanceId), resumed, cancellationToken);
        await WaitAsync(instanceId, false, s => !s.IsSuspended, cancellationToken);
    }

    /// <summary>Deletes a terminal instance (any, with <paramref name="force"/>) and, with <paramref name="recursive"/>, its children.</summary>
    public async Task<int> PurgeAsync(string instanceId, bool recursive, bool force, CancellationToken cancellationToken)
    {
        if (Find(instanceId) is not { } instance) return 0;
        IReadOnlyList<string> children;
        await instance.Gate.WaitAsync(cancellationToken);
        try
        {
            if (instance.State is not { } state) return 0;
            if (!RuntimeStates.IsTerminal(state) && !force)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"workflow instance '{instanceId}' is {RuntimeStates.Status(state)}: only a completed, failed or terminated instance can be purged"));
            }

            children = recursive ? RuntimeStates.Children(state).ToList() : [];
            await UpdateIndexAsync(instanceId, add: false, ids => _store.DeleteAsync(instanceId, ids, cancellationToken));
            instance.DisarmTimers();
            instance.Turn = null;
            instance.Commit(null);
        }
        finally
        {
            instance.Gate.Release();
        }

        var purged = 1;
        foreach (var child in children)
        {
            try
            {
                purged += await PurgeAsync(child, recursive, force, cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                _logger.LogWarning("workflow '{Child}' (child of '{Parent}') is still running and was not purged", child, instanceId);
            }
        }

        return purged;
    }

    /// <summary>Instance ids in order, a page at a time; the continuation token is the last id of the page.</summary>
    public ListInstanceIDsResponse ListInstanceIds(string? continuationToken, uint pageSize)
    {
        var ids = _instances.Values.Where(i => i.State is not null).Select(i => i.Id)
            .Where(id => string.IsNullOrEmpty(continuationToken) || string.CompareOrdinal(id, continuationToken) > 0)
            .Order(StringComparer.Ordinal).ToList();
        var page = pageSize == 0 ? ids : ids.Take((int)pageSize).ToList();
        var response = new ListInstanceIDsResponse();
        response.InstanceIds.AddRange(page);
        if (page.Count < ids.Count) response.ContinuationToken = page[^1];
        return response;
    }

    public GetInstanceHistoryResponse History(string instanceId)
    {
        var state = Existing(instanceId).State ?? throw NotFound(instanceId);
        var response = new GetInstanceHistoryResponse();
        response.Events.AddRange(state.OldEvents);
        return response;
    }

    // ---- workers (GetWorkItems and the Complete* calls) ----

    public WorkerConnection Connect()
    {
        var worker = new WorkerConnection();
        lock (_workersGate)
        {
            _workers.Add(worker);
            Interlocked.Exchange(ref _workerJoined, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        return worker;
    }

    /// <summary>The stream ended: whatever it was given and did not answer goes back to the queue.</summary>
    public async Task DisconnectAsync(WorkerConnection worker)
    {
        lock (_workersGate) _workers.Remove(worker);
        worker.Queue.Writer.TryComplete();
        while (worker.Queue.Reader.TryRead(out var queued)) Enqueue(queued);
        foreach (var activity in worker.Activities.Keys)
        {
            if (_activityOwners.TryRemove(new KeyValuePair<ActivityWork, WorkerConnection>(activity, worker))) Enqueue(activity);
        }

        foreach (var instanceId in worker.Turns.Keys)
        {
            if (Find(instanceId) is not { } instance) continue;
            await instance.Gate.WaitAsync();
            try
            {
                if (instance.Turn?.Worker != worker) continue;
                instance.Turn = null;
                await SettleAsync(instance);
            }
            finally
            {
                instance.Gate.Release();
            }
        }
    }

    /// <summary>Makes the work item for <paramref name="work"/>, or null when it went stale while queued.</summary>
    public async Task<WorkItem?> BeginAsync(WorkRef work, WorkerConnection worker)
    {
        if (work is ActivityWork activity)
        {
            var state = Find(activity.InstanceId)?.State;
            if (state is null || RuntimeStates.ExecutionId(state) != activity.ExecutionId) return null;
            var task = state.PendingTasks.FirstOrDefault(t => t.EventId == activity.TaskId);
            if (task is null) return null;
            _activityOwners[activity] = worker;
            worker.Activities[activity] = 0;
            return new WorkItem
            {
                CompletionToken = activity.Token,
                ActivityRequest = new ActivityRequest
                {
                    Name = task.TaskScheduled.Name,
                    Version = task.TaskScheduled.Version,
                    Input = task.TaskScheduled.Input,
                    WorkflowInstance = new WorkflowInstance { InstanceId = activity.InstanceId, ExecutionId = activity.ExecutionId },
                    TaskId = activity.TaskId,
                    TaskExecutionId = task.TaskScheduled.TaskExecutionId,
                },
            };
        }

        if (Find(work.InstanceId) is not { } instance) return null;
        await instance.Gate.WaitAsync();
        try
        {
            instance.TurnQueued = false;
            await ApplyControlEventsAsync(instance);
            if (instance.State is not { } current || instance.Turn is not null || !CanRun(instance, current)) return null;
            var (events, dropped) = TakeInbox(current);
            if (events.Count == 0) return null;

            var started = RuntimeStates.Event(Now);
            started.WorkflowStarted = new WorkflowStartedEvent();
            var turn = new WorkflowTurn($"w|{Guid.NewGuid():N}|{instance.Id}", started, events, dropped, worker);
            instance.Turn = turn;
            worker.Turns[instance.Id] = 0;
            var request = new WorkflowRequest { InstanceId = instance.Id, ExecutionId = RuntimeStates.ExecutionId(current) };
            request.PastEvents.AddRange(current.OldEvents);
            request.NewEvents.Add(started);
            request.NewEvents.AddRange(events);
            return new WorkItem { CompletionToken = turn.Token, WorkflowRequest = request };
        }
        finally
        {
            instance.Gate.Release();
        }
    }

    /// <summary>Commits a turn; an answer to a turn that is no longer in flight (a duplicate, or from before a restart) is ignored.</summary>
    public async Task CompleteTurnAsync(WorkflowResponse response)
    {
        if (Find(response.InstanceId) is not { } instance) return;
        await instance.Gate.WaitAsync();
        try
        {
            var turn = instance.Turn;
            if (turn is null || turn.Token != response.CompletionToken || instance.State is not { } state) return;
            instance.Turn = null;
            turn.Worker.Turns.TryRemove(instance.Id, out _);

            var next = state.Clone();
            foreach (var consumed in turn.Events.Concat(turn.Dropped)) RemoveFirst(next.NewEvents, consumed);
            next.OldEvents.Add(turn.Started);
            next.OldEvents.AddRange(turn.Events);
            var effects = ActionApplier.Apply(instance.Id, next, response, Now, AppId);
            next.LastUpdatedTime = Timestamp.FromDateTimeOffset(Now);
            try
            {
                await CommitAsync(instance, next);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "workflow '{InstanceId}': the turn could not be saved and will run again", instance.Id);
                await SettleAsync(instance);
                return;
            }

            if (effects.ContinuedAsNew || RuntimeStates.IsTerminal(next)) instance.DisarmTimers();
            var executionId = RuntimeStates.ExecutionId(next);
            foreach (var timer in effects.Timers) Arm(instance, executionId, timer);
            foreach (var task in effects.Tasks) Enqueue(new ActivityWork(instance.Id, executionId, task.EventId));
            await SettleAsync(instance);
        }
        finally
        {
            instance.Gate.Release();
        }
    }

    /// <summary>Puts an activity's result in its instance's inbox; a result for a task no longer open is ignored.</summary>
    public async Task CompleteActivityAsync(ActivityResponse response)
    {
        if (ActivityWork.FromToken(response.CompletionToken) is not { } work || Find(work.InstanceId) is not { } instance) return;
        if (_activityOwners.TryRemove(work, out var owner)) owner.Activities.TryRemove(work, out _);
        await instance.Gate.WaitAsync();
        try
        {
            if (instance.State is not { } state || RuntimeStates.IsTerminal(state) || RuntimeStates.ExecutionId(state) != work.ExecutionId) return;
            var task = state.PendingTasks.FirstOrDefault(t => t.EventId == work.TaskId);
            if (task is null) return;
            var next = state.Clone();
            next.PendingTasks.Remove(next.PendingTasks.First(t => t.EventId == work.TaskId));
            var result = RuntimeStates.Event(Now);
            if (response.FailureDetails is { } failure)
                result.TaskFailed = new TaskFailedEvent { TaskScheduledId = work.TaskId, FailureDetails = failure, TaskExecutionId = task.TaskScheduled.TaskExecutionId };
            else
                result.TaskCompleted = new TaskCompletedEvent { TaskScheduledId = work.TaskId, Result = response.Result, TaskExecutionId = task.TaskScheduled.TaskExecutionId };
            next.NewEvents.Add(result);
            await CommitAsync(instance, next);
            await SettleAsync(instance);
        }
        finally
        {
            instance.Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _ready.Writer.TryComplete();
        _outbox.Writer.TryComplete();
        lock (_workersGate)
        {
            foreach (var worker in _workers) worker.Queue.Writer.TryComplete();
        }

        await Task.WhenAll(_dispatching, _delivering).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_background.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var instance in _instances.Values)
        {
            await instance.Gate.WaitAsync();
            instance.DisarmTimers();
            instance.Gate.Release();
        }

        _stopping.Dispose();
    }

    // ---- the inner workings ----

    private DateTimeOffset Now => _clock.GetUtcNow();

    private InstanceSlot? Find(string instanceId) => _instances.GetValueOrDefault(instanceId);

    private InstanceSlot Existing(string instanceId) =>
        Find(instanceId) is { State: not null } instance ? instance : throw NotFound(instanceId);

    private static RpcException NotFound(string instanceId) => new(new Status(StatusCode.NotFound, $"no such instance exists: workflow instance '{instanceId}' not found"));

    /// <summary>Creates (or re-creates a terminal) instance from its start event; false when a live one has the id.</summary>
    private async Task<bool> CreateAsync(string instanceId, HistoryEvent start, CancellationToken cancellationToken)
    {
        var instance = _instances.GetOrAdd(instanceId, id => new InstanceSlot(id));
        await instance.Gate.WaitAsync(cancellationToken);
        try
        {
            if (instance.State is { } existing && !RuntimeStates.IsTerminal(existing)) return false;
            var now = Timestamp.FromDateTimeOffset(Now);
            var state = new WorkflowRuntimeState { InstanceId = instanceId, StartEvent = start.ExecutionStarted, CreatedTime = now, LastUpdatedTime = now };
            state.NewEvents.Add(start);
            if (instance.State is null) await UpdateIndexAsync(instanceId, add: true, ids => _store.SaveAsync(state, ids, cancellationToken));
            else await _store.SaveAsync(state, null, cancellationToken);
            instance.DisarmTimers();
            instance.Turn = null;
            instance.Commit(state);
            await SettleAsync(instance);
            return true;
        }
        finally
        {
            instance.Gate.Release();
        }
    }

    /// <summary>Adds an event to a live instance's inbox; events for a terminal instance are dropped, as durabletask does.</summary>
    private async Task DeliverToExistingAsync(InstanceSlot instance, HistoryEvent e, CancellationToken cancellationToken)
    {
        await instance.Gate.WaitAsync(cancellationToken);
        try
        {
            if (instance.State is not { } state) throw NotFound(instance.Id);
            if (RuntimeStates.IsTerminal(state)) return;
            var next = state.Clone();
            next.NewEvents.Add(e);
            await CommitAsync(instance, next);
            await SettleAsync(instance);
        }
        finally
        {
            instance.Gate.Release();
        }
    }

    private async Task UpdateIndexAsync(string instanceId, bool add, Func<IReadOnlyCollection<string>, Task> write)
    {
        var shard = WorkflowStore.ShardOf(instanceId);
        await _indexGates[shard].WaitAsync();
        try
        {
            var ids = new HashSet<string>(_index[shard], StringComparer.Ordinal);
            if (add) ids.Add(instanceId);
            else ids.Remove(instanceId);
            await write(ids);
            _index[shard] = ids;
        }
        finally
        {
            _indexGates[shard].Release();
        }
    }

    private async Task CommitAsync(InstanceSlot instance, WorkflowRuntimeState next)
    {
        await _store.SaveAsync(next, null, _stopping.Token);
        instance.Commit(next);
        if (next.PendingMessages.Count > 0) _outbox.Writer.TryWrite(instance.Id);
    }

    /// <summary>
    /// Called with the gate held whenever an instance may have become idle or received work: applies suspend, resume
    /// and terminate between turns, then queues a turn when the inbox has something the workflow must see.
    /// </summary>
    private async Task SettleAsync(InstanceSlot instance)
    {
        if (instance.Turn is not null) return;
        await ApplyControlEventsAsync(instance);
        if (instance.TurnQueued || instance.State is not { } state || !CanRun(instance, state)) return;
        if (!state.NewEvents.Any(e => !RuntimeStates.IsControl(e))) return;
        instance.TurnQueued = true;
        Enqueue(new TurnWork(instance.Id));
    }

    /// <summary>False while suspended, finished, or before a scheduled start time (then a timer settles the instance again).</summary>
    private bool CanRun(InstanceSlot instance, WorkflowRuntimeState state)
    {
        if (RuntimeStates.IsTerminal(state) || state.IsSuspended) return false;
        if (state.OldEvents.Count > 0 || state.StartEvent?.ScheduledStartTimestamp is not { } startAt) return true;
        var wait = startAt.ToDateTimeOffset() - Now;
        if (wait <= TimeSpan.Zero) return true;
        instance.StartTimer ??= _clock.CreateTimer(_ => InBackground(() => SettleLockedAsync(instance)), null, Clamp(wait), Timeout.InfiniteTimeSpan);
        return false;
    }

    /// <summary>Suspend, resume and terminate need no workflow code: the engine records them itself while no turn runs.</summary>
    private async Task ApplyControlEventsAsync(InstanceSlot instance)
    {
        if (instance.Turn is not null || instance.State is not { } state || !state.NewEvents.Any(RuntimeStates.IsControl)) return;
        var next = state.Clone();
        foreach (var control in state.NewEvents.Where(RuntimeStates.IsControl))
        {
            RemoveFirst(next.NewEvents, control);
            if (RuntimeStates.IsTerminal(next)) continue;
            var recorded = control.Clone();
            recorded.Timestamp = Timestamp.FromDateTimeOffset(Now);
            switch (control.EventTypeCase)
            {
                case HistoryEvent.EventTypeOneofCase.ExecutionSuspended when !next.IsSuspended:
                    next.OldEvents.Add(recorded);
                    next.IsSuspended = true;
                    break;
                case HistoryEvent.EventTypeOneofCase.ExecutionResumed when next.IsSuspended:
                    next.OldEvents.Add(recorded);
                    next.IsSuspended = false;
                    break;
                case HistoryEvent.EventTypeOneofCase.ExecutionTerminated:
                    next.OldEvents.Add(recorded);
                    ActionApplier.Terminate(instance.Id, next, control.ExecutionTerminated.Input, Now);
                    if (control.ExecutionTerminated.Recurse) TerminateChildren(next, control.ExecutionTerminated);
                    next.NewEvents.Clear();
                    break;
                default:
                    break;
            }
        }

        next.LastUpdatedTime = Timestamp.FromDateTimeOffset(Now);
        await CommitAsync(instance, next);
        if (RuntimeStates.IsTerminal(next)) instance.DisarmTimers();
    }

    private void TerminateChildren(WorkflowRuntimeState state, ExecutionTerminatedEvent terminated)
    {
        foreach (var child in RuntimeStates.Children(state))
        {
            var message = RuntimeStates.Event(Now);
            message.ExecutionTerminated = new ExecutionTerminatedEvent { Input = terminated.Input, Recurse = true };
            state.PendingMessages.Add(new WorkflowRuntimeStateMessage { TargetInstanceId = child, HistoryEvent = message });
        }
    }

    /// <summary>The inbox events for the next turn, and the duplicates to drop without showing them to the workflow.</summary>
    private static (List<HistoryEvent> Events, List<HistoryEvent> Dropped) TakeInbox(WorkflowRuntimeState state)
    {
        var events = new List<HistoryEvent>();
        var dropped = new List<HistoryEvent>();
        foreach (var e in state.NewEvents.Where(e => !RuntimeStates.IsControl(e)))
        {
            if (RuntimeStates.IsDuplicate(state.OldEvents.Concat(events), e)) dropped.Add(e);
            else events.Add(e);
        }

        return (events, dropped);
    }

    /// <summary>Re-arms timers, re-queues open activities and pending turns, and re-sends the outbox of a loaded instance.</summary>
    private async Task ResumeAsync(InstanceSlot instance)
    {
        await instance.Gate.WaitAsync();
        try
        {
            var state = instance.State!;
            var executionId = RuntimeStates.ExecutionId(state);
            foreach (var timer in state.PendingTimers) Arm(instance, executionId, timer);
            foreach (var task in state.PendingTasks) Enqueue(new ActivityWork(instance.Id, executionId, task.EventId));
            if (state.PendingMessages.Count > 0) _outbox.Writer.TryWrite(instance.Id);
            await SettleAsync(instance);
        }
        finally
        {
            instance.Gate.Release();
        }
    }

    private void Arm(InstanceSlot instance, string executionId, HistoryEvent fired)
    {
        var timerId = fired.TimerFired.TimerId;
        if (instance.Timers.Remove(timerId, out var previous)) previous.Dispose();
        var wait = fired.TimerFired.FireAt.ToDateTimeOffset() - Now;
        if (wait <= TimeSpan.Zero)
        {
            InBackground(() => FireAsync(instance, executionId, timerId));
            return;
        }

        instance.Timers[timerId] = _clock.CreateTimer(
            _ => InBackground(() => FireAsync(instance, executionId, timerId)), null, Clamp(wait), Timeout.InfiniteTimeSpan);
    }

    /// <summary>A due timer moves its <c>TimerFired</c> event into the inbox, in the same write that closes it.</summary>
    private async Task FireAsync(InstanceSlot instance, string executionId, int timerId)
    {
        await instance.Gate.WaitAsync(_stopping.Token);
        try
        {
            if (instance.State is not { } state || RuntimeStates.ExecutionId(state) != executionId) return;
            var pending = state.PendingTimers.FirstOrDefault(t => t.TimerFired.TimerId == timerId);
            if (pending is null) return;
            if (pending.TimerFired.FireAt.ToDateTimeOffset() > Now)
            {
                Arm(instance, executionId, pending); // a timer longer than one step of the clock's timer
                return;
            }

            instance.Timers.Remove(timerId);
            var next = state.Clone();
            next.PendingTimers.Remove(next.PendingTimers.First(t => t.TimerFired.TimerId == timerId));
            var fired = pending.Clone();
            fired.Timestamp = Timestamp.FromDateTimeOffset(Now);
            next.NewEvents.Add(fired);
            await CommitAsync(instance, next);
            await SettleAsync(instance);
        }
        finally
        {
            instance.Gate.Release();
        }
    }

    private async Task SettleLockedAsync(InstanceSlot instance)
    {
        await instance.Gate.WaitAsync(_stopping.Token);
        try
        {
            instance.StartTimer?.Dispose();
            instance.StartTimer = null;
            await SettleAsync(instance);
        }
        finally
        {
            instance.Gate.Release();
        }
    }

    private void Enqueue(WorkRef work) => _ready.Writer.TryWrite(work);

    /// <summary>Hands queued work to connected workers in turn; while none is connected, work waits.</summary>
    private async Task DispatchLoopAsync()
    {
        try
        {
            await foreach (var work in _ready.Reader.ReadAllAsync(_stopping.Token))
            {
                while (true)
                {
                    WorkerConnection? worker = null;
                    Task joined;
                    lock (_workersGate)
                    {
                        if (_workers.Count > 0) worker = _workers[_nextWorker++ % _workers.Count];
                        joined = _workerJoined.Task;
                    }

                    if (worker is not null && worker.Queue.Writer.TryWrite(work)) break;
                    await joined.WaitAsync(_stopping.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The engine stops; queued work stays in the store and is found again by the next engine.
        }
    }

    /// <summary>
    /// Delivers the outbox of instances (child starts, raised events, terminations, completions for a parent) to
    /// their targets' inboxes, then removes what was delivered; after a crash in between, delivery is repeated and the
    /// target drops the duplicates it can recognise.
    /// </summary>
    private async Task DeliverLoopAsync()
    {
        try
        {
            await foreach (var sourceId in _outbox.Reader.ReadAllAsync(_stopping.Token))
            {
                if (Find(sourceId) is not { State: { PendingMessages.Count: > 0 } state } source) continue;
                var messages = state.PendingMessages.ToList();
                foreach (var message in messages)
                {
                    try
                    {
                        await DeliverAsync(message);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        _logger.LogWarning(e, "workflow '{Source}': a message to '{Target}' was dropped", sourceId, message.TargetInstanceId);
                    }
                }

                await source.Gate.WaitAsync(_stopping.Token);
                try
                {
                    if (source.State is not { } current) continue;
                    var next = current.Clone();
                    foreach (var message in messages) RemoveFirst(next.PendingMessages, message);
                    await CommitAsync(source, next);
                }
                finally
                {
                    source.Gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Undelivered messages stay in the store's outbox and are sent by the next engine.
        }
    }

    private async Task DeliverAsync(WorkflowRuntimeStateMessage message)
    {
        var e = message.HistoryEvent.Clone();
        e.Timestamp = Timestamp.FromDateTimeOffset(Now);
        if (e.ExecutionStarted is { } start)
        {
            if (Find(message.TargetInstanceId)?.State is { } existing && RuntimeStates.ExecutionId(existing) == start.WorkflowInstance.ExecutionId) return;
            if (!await CreateAsync(message.TargetInstanceId, e, _stopping.Token))
                _logger.LogWarning("workflow '{Target}' already runs: a second start for it was dropped", message.TargetInstanceId);
            return;
        }

        if (Find(message.TargetInstanceId) is not { State: not null } target)
        {
            _logger.LogWarning("workflow '{Target}' does not exist: a {Event} for it was dropped", message.TargetInstanceId, e.EventTypeCase);
            return;
        }

        await DeliverToExistingAsync(target, e, _stopping.Token);
    }

    private void InBackground(Func<Task> work)
    {
        if (_stopping.IsCancellationRequested) return;
        var task = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Stopping: the timer's state is durable and re-armed by the next engine.
            }
            catch (Exception e)
            {
                _logger.LogError(e, "workflows of app '{AppId}': a timer failed", AppId);
            }
        });
        _background[task] = 0;
        task.ContinueWith(t => _background.TryRemove(t, out _), TaskScheduler.Default);
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > LongestTimerStep ? LongestTimerStep : wait;

    private static void RemoveFirst<T>(Google.Protobuf.Collections.RepeatedField<T> items, T item)
    {
        var at = items.IndexOf(item);
        if (at >= 0) items.RemoveAt(at);
    }
}
