using Dapr.Actors;

namespace LocalDapr.Tests.Actors;

/// <summary>The remoting interface of <see cref="TestActor"/>.</summary>
public interface ITestActor : IActor
{
    Task<int> IncrementAsync();

    Task<int> GetCountAsync();

    /// <summary>Holds the actor's turn for a while and reports whether another call was inside at the same time.</summary>
    Task<int> HoldTurnAsync(int milliseconds);

    Task FailAsync(string message);

    /// <summary>Registers a reminder; a negative period means "fire once".</summary>
    Task StartReminderAsync(string name, int dueMilliseconds, int periodMilliseconds);

    Task StopReminderAsync(string name);

    Task<bool> HasReminderAsync(string name);

    Task StartTimerAsync(string name, int dueMilliseconds, int periodMilliseconds);

    Task StopTimerAsync(string name);

    /// <summary>Calls itself through a proxy <paramref name="depth"/> times: only possible with reentrancy.</summary>
    Task<int> CallSelfAsync(int depth);

    Task SetExpiringStateAsync(string key, string value, int ttlSeconds);

    /// <summary>The address of the app this activation lives in.</summary>
    Task<string> WhereAsync();
}
