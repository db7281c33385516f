namespace LocalDapr.Actors;

/// <summary>An actor id placed on a host: its turn lock, when it was last used, and its timers (which die with it).</summary>
public sealed class ActiveActor(string actorType, string actorId, ActorHost host, DateTimeOffset now)
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Dictionary<string, CancellationTokenSource> _timers = new(StringComparer.Ordinal);
    private long _lastUsedTicks = now.UtcTicks;
    private int _pending;

    public string Type { get; } = actorType;

    public string Id { get; } = actorId;

    public ActorHost Host { get; } = host;

    public ActorTurnLock Turn { get; } = new();

    /// <summary>Set once the actor was deactivated: a call that waited on its turn must place the id afresh.</summary>
    public bool Retired => _lifetime.IsCancellationRequested;

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    /// <summary>Calls, reminders and timers waiting for or holding the turn; an actor with any is not idle.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);

    public void BeginWork() => Interlocked.Increment(ref _pending);

    public void EndWork() => Interlocked.Decrement(ref _pending);

    /// <summary>Replaces the timer <paramref name="name"/>; the returned token ends when it is replaced, deleted or the actor retires.</summary>
    public CancellationToken StartTimer(string name)
    {
        var timer = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        lock (_timers)
        {
            if (_timers.Remove(name, out var previous)) previous.Cancel();
            _timers[name] = timer;
        }

        return timer.Token;
    }

    public void StopTimer(string name)
    {
        lock (_timers)
        {
            if (_timers.Remove(name, out var timer)) timer.Cancel();
        }
    }

    /// <summary>Forgets a finished timer, unless a newer one took its name.</summary>
    public void TimerEnded(string name, CancellationToken token)
    {
        lock (_timers)
        {
            if (_timers.TryGetValue(name, out var timer) && timer.Token == token) _timers.Remove(name);
        }
    }

    public void Retire() => _lifetime.Cancel();
}
