using System.Text.Json;
using System.Text.Json.Nodes;
using LocalDapr.Resiliency;
using LocalDapr.Sidecar;
using LocalDapr.State;

namespace LocalDapr.Actors;

/// <summary>
/// Actor reminders (https://docs.dapr.io/developing-applications/building-blocks/actors/actors-timers-reminders/):
/// persisted in the actor state store, so they survive deactivation and restarts of the app and the runtime, and
/// scheduled in this process while some app hosts the type. Keys (no app prefix, like daprd's reminder keys):
/// <c>actors||reminders||{type}||{id}||{name}</c> per reminder and <c>actors||reminders||{type}</c> as the type's index.
/// </summary>
public sealed class ActorReminders(ActorRuntime actors)
{
    /// <summary>Used when no Resiliency policy targets actors: a few quick retries.</summary>
    private static readonly RetryPolicy DefaultRetry = new("constant", TimeSpan.FromMilliseconds(500), TimeSpan.Zero, 3);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<(string Type, string Id, string Name), Scheduled> _scheduled = [];
    private readonly Lock _gate = new();
    private readonly ILogger _logger = actors.Services.LoggerFactory.CreateLogger("dapr.actors.reminders");

    private TimeProvider Clock => actors.Services.Clock;

    public static string ReminderKey(string actorType, string actorId, string name) => $"actors||reminders||{actorType}||{actorId}||{name}";

    public static string IndexKey(string actorType) => $"actors||reminders||{actorType}";

    public async Task RegisterAsync(ActorStateStore store, string actorType, string actorId, string name, JsonObject request, CancellationToken cancellationToken)
    {
        var dueTime = Text(request, "dueTime");
        var period = Text(request, "period");
        var ttl = Text(request, "ttl");
        var schedule = ActorSchedule.Parse(dueTime, period, ttl, Clock.GetUtcNow(), "ERR_ACTOR_REMINDER_CREATE");
        var reminder = new StoredReminder(actorType, actorId, name, dueTime ?? "", period ?? "", ttl, request["data"]?.DeepClone(),
            schedule.FirstDueAt, schedule.Repetitions, schedule.ExpiresAt, Guid.NewGuid().ToString("N"));
        await UpdateIndexAsync(store, actorType, index => index.Add(new IndexEntry(actorId, name)),
            [new StateOperation(StateOperationKind.Upsert, ReminderKey(actorType, actorId, name), JsonSerializer.SerializeToUtf8Bytes(reminder, Json))],
            cancellationToken);
        Schedule(store, reminder);
    }

    public async Task<StoredReminder?> GetAsync(ActorStateStore store, string actorType, string actorId, string name, CancellationToken cancellationToken) =>
        (await ReadAsync(store, ReminderKey(actorType, actorId, name), cancellationToken)).Reminder;

    public async Task UnregisterAsync(ActorStateStore store, string actorType, string actorId, string name, CancellationToken cancellationToken)
    {
        Forget((actorType, actorId, name), version: null);
        await UpdateIndexAsync(store, actorType, index => index.Remove(new IndexEntry(actorId, name)),
            [new StateOperation(StateOperationKind.Delete, ReminderKey(actorType, actorId, name))], cancellationToken);
    }

    /// <summary>Schedules the stored reminders of <paramref name="actorTypes"/> that are not scheduled yet (a host appeared).</summary>
    public async Task LoadAsync(ActorStateStore store, IEnumerable<string> actorTypes, CancellationToken cancellationToken)
    {
        foreach (var type in actorTypes)
        {
            var (index, _) = await ReadIndexAsync(store, type, cancellationToken);
            foreach (var entry in index)
            {
                lock (_gate)
                {
                    if (_scheduled.ContainsKey((type, entry.Id, entry.Name))) continue;
                }

                if ((await ReadAsync(store, ReminderKey(type, entry.Id, entry.Name), cancellationToken)).Reminder is { } reminder)
                    Schedule(store, reminder);
            }
        }
    }

    /// <summary>Stops scheduling a type nobody hosts; its reminders stay stored for the next host.</summary>
    public void Suspend(string actorType)
    {
        lock (_gate)
        {
            foreach (var key in _scheduled.Keys.Where(k => k.Type == actorType).ToList())
            {
                _scheduled.Remove(key, out var scheduled);
                scheduled!.Cancel.Cancel();
            }
        }
    }

    private void Schedule(ActorStateStore store, StoredReminder reminder)
    {
        if (!actors.IsHosted(reminder.ActorType)) return;
        var cancel = new CancellationTokenSource();
        lock (_gate)
        {
            var key = (reminder.ActorType, reminder.ActorId, reminder.Name);
            if (_scheduled.Remove(key, out var previous)) previous.Cancel.Cancel();
            _scheduled[key] = new Scheduled(reminder.Version, cancel);
        }

        _ = Task.Run(() => RunAsync(store, reminder, cancel.Token), CancellationToken.None);
    }

    private void Forget((string Type, string Id, string Name) key, string? version)
    {
        lock (_gate)
        {
            if (_scheduled.TryGetValue(key, out var scheduled) && (version is null || scheduled.Version == version))
            {
                _scheduled.Remove(key);
                scheduled.Cancel.Cancel();
            }
        }
    }

    private async Task RunAsync(ActorStateStore store, StoredReminder reminder, CancellationToken cancellationToken)
    {
        var key = ReminderKey(reminder.ActorType, reminder.ActorId, reminder.Name);
        try
        {
            while (true)
            {
                await actors.DelayUntilAsync(reminder.NextDueAt, cancellationToken);
                if (reminder.ExpiresAt is not { } end || reminder.NextDueAt <= end) await DeliverAsync(reminder, cancellationToken);

                var (stored, etag) = await ReadAsync(store, key, cancellationToken);
                if (stored?.Version != reminder.Version) return;
                if (reminder.Schedule.NextAfter(reminder.NextDueAt, reminder.Remaining) is not { } next)
                {
                    Forget((reminder.ActorType, reminder.ActorId, reminder.Name), reminder.Version);
                    await UpdateIndexAsync(store, reminder.ActorType, index => index.Remove(new IndexEntry(reminder.ActorId, reminder.Name)),
                        [new StateOperation(StateOperationKind.Delete, key, ETag: etag)], CancellationToken.None);
                    return;
                }

                // After downtime, fire once now instead of replaying every missed period.
                var now = Clock.GetUtcNow();
                reminder = reminder with { NextDueAt = next > now ? next : now, Remaining = reminder.Remaining - 1 };
                await store.Store.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(reminder, Json), etag, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Replaced, deleted, or no app hosts the type any more.
        }
        catch (ETagMismatchException)
        {
            // Re-registered or deleted while it fired: the newer registration has its own loop.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "reminder {Reminder} of actor {ActorType}/{ActorId} stopped", reminder.Name, reminder.ActorType, reminder.ActorId);
        }
    }

    /// <summary>
    /// Calls the app in the actor's turn, each attempt under the actor type's Resiliency timeout; failures retry per its
    /// retry policy (a few quick retries without one), then the firing is skipped.
    /// </summary>
    private async Task DeliverAsync(StoredReminder reminder, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            ResiliencyPolicy? policy = null;
            try
            {
                // Like every other delivery, a reminder waits while its app fails its health checks instead of
                // spending its retries (https://docs.dapr.io/operations/resiliency/health-checks/app-health/).
                await actors.Activate(reminder.ActorType, reminder.ActorId).Host.Sidecar.WaitUntilAppHealthyAsync(cancellationToken);
                await actors.RunTurnAsync(reminder.ActorType, reminder.ActorId, null, resetsIdle: true, async (actor, chain) =>
                {
                    policy = actor.Host.Sidecar.Resiliency.ForActor(actor.Type);
                    return await policy.ExecuteOnceAsync(async attemptCancellation =>
                    {
                        await actor.Host.CallbackAsync(actor.Type, actor.Id, "remind", reminder.Name, reminder.CallbackBody(), chain, attemptCancellation);
                        return true;
                    }, cancellationToken);
                }, cancellationToken);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or DaprApiException or AttemptTimeoutException)
            {
                var retry = policy?.Retry ?? DefaultRetry;
                if (!retry.Allows(attempt))
                {
                    _logger.LogWarning("reminder {Reminder} of actor {ActorType}/{ActorId} failed {Attempts} times, skipping this firing: {Error}",
                        reminder.Name, reminder.ActorType, reminder.ActorId, attempt, e.Message);
                    return;
                }

                await Task.Delay(retry.DelayBefore(attempt), Clock, cancellationToken);
            }
        }
    }

    private static async Task<(StoredReminder? Reminder, string? ETag)> ReadAsync(ActorStateStore store, string key, CancellationToken cancellationToken)
    {
        var entry = await store.Store.GetAsync(key, cancellationToken);
        return entry is null ? (null, null) : (JsonSerializer.Deserialize<StoredReminder>(entry.Value, Json), entry.ETag);
    }

    private static async Task<(HashSet<IndexEntry> Index, string? ETag)> ReadIndexAsync(ActorStateStore store, string actorType, CancellationToken cancellationToken)
    {
        var entry = await store.Store.GetAsync(IndexKey(actorType), cancellationToken);
        return entry is null ? ([], null) : ([.. JsonSerializer.Deserialize<List<IndexEntry>>(entry.Value, Json) ?? []], entry.ETag);
    }

    /// <summary>Writes <paramref name="operations"/> and the changed index in one transaction, retrying on a concurrent index change.</summary>
    private static async Task UpdateIndexAsync(ActorStateStore store, string actorType, Func<HashSet<IndexEntry>, bool> change,
        IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (index, etag) = await ReadIndexAsync(store, actorType, cancellationToken);
            var writes = operations.ToList();
            if (change(index))
            {
                writes.Add(new StateOperation(StateOperationKind.Upsert, IndexKey(actorType), JsonSerializer.SerializeToUtf8Bytes(index, Json),
                    etag, etag is null ? StateConcurrency.FirstWrite : StateConcurrency.Unspecified));
            }

            try
            {
                await store.Store.TransactAsync(writes, cancellationToken);
                return;
            }
            catch (ETagMismatchException) when (attempt < 20)
            {
                // Another registration changed the index first; read it again.
            }
        }
    }

    private static string? Text(JsonObject request, string name) =>
        request[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private sealed record Scheduled(string Version, CancellationTokenSource Cancel);

    private sealed record IndexEntry(string Id, string Name);
}
