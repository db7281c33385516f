using System.Collections.Concurrent;

namespace LocalDapr.Tests.Actors;

/// <summary>What the test actors report to a test: callbacks received, deactivations, and calls that overlapped.</summary>
public sealed class ActorProbe
{
    private readonly ConcurrentQueue<ActorEvent> _events = new();
    private readonly ConcurrentDictionary<string, int> _inTurn = new(StringComparer.Ordinal);
    private int _running;
    private int _maxRunning;
    private int _overlaps;

    /// <summary>Times two calls were inside the same actor id at once (turn-based concurrency says never).</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    /// <summary>The most calls that were inside any actors at once.</summary>
    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public void Record(string kind, string actorId, string name = "", string? data = null) =>
        _events.Enqueue(new ActorEvent(kind, actorId, name, data, DateTimeOffset.UtcNow));

    public IReadOnlyList<ActorEvent> Events(string kind, string actorId, string name = "") =>
        [.. _events.Where(e => e.Kind == kind && e.ActorId == actorId && e.Name == name)];

    public async Task InTurnAsync(string actorId, TimeSpan hold)
    {
        if (_inTurn.AddOrUpdate(actorId, 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref _overlaps);
        var running = Interlocked.Increment(ref _running);
        int max;
        while (running > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, max) != max)
        {
        }

        try
        {
            await Task.Delay(hold);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _inTurn.AddOrUpdate(actorId, 0, (_, n) => n - 1);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/> (default 15 s).</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, timeout);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }
}
