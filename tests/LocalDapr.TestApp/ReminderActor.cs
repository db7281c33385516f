using Dapr.Actors;
using Dapr.Actors.Runtime;

namespace LocalDapr.TestApp;

public interface IReminderActor : IActor
{
    Task ArmAsync(int seconds);
}

/// <summary>Registers a one-shot reminder; when it fires, the actor's id is recorded for the crash tests to read.</summary>
public sealed class ReminderActor(ActorHost host, RungReminders rung) : Actor(host), IReminderActor, IRemindable
{
    public Task ArmAsync(int seconds) =>
        RegisterReminderAsync("ring", null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);

    public Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        rung.ActorIds.Enqueue(Id.GetId());
        return Task.CompletedTask;
    }
}
