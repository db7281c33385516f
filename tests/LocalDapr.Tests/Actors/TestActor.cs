using System.Text;
using Dapr.Actors.Runtime;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LocalDapr.Tests.Actors;

/// <summary>A real Dapr.Actors actor that reports what the runtime does to it through an <see cref="ActorProbe"/>.</summary>
public sealed class TestActor(ActorHost host, ActorProbe probe, IServer server) : Actor(host), ITestActor, IRemindable
{
    private const string CountKey = "count";

    public async Task<int> IncrementAsync()
    {
        var count = await StateManager.GetOrAddStateAsync(CountKey, 0) + 1;
        await StateManager.SetStateAsync(CountKey, count);
        return count;
    }

    public Task<int> GetCountAsync() => StateManager.GetOrAddStateAsync(CountKey, 0);

    public async Task<int> HoldTurnAsync(int milliseconds)
    {
        await probe.InTurnAsync(Id.GetId(), TimeSpan.FromMilliseconds(milliseconds));
        return probe.Overlaps;
    }

    public Task FailAsync(string message) => throw new InvalidOperationException(message);

    public Task StartReminderAsync(string name, int dueMilliseconds, int periodMilliseconds) =>
        RegisterReminderAsync(name, Encoding.UTF8.GetBytes($"data-of-{name}"), TimeSpan.FromMilliseconds(dueMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds));

    public Task StopReminderAsync(string name) => UnregisterReminderAsync(name);

    public async Task<bool> HasReminderAsync(string name) => await GetReminderAsync(name) is not null;

    public Task StartTimerAsync(string name, int dueMilliseconds, int periodMilliseconds) =>
        RegisterTimerAsync(name, nameof(OnTimerAsync), Encoding.UTF8.GetBytes(name), TimeSpan.FromMilliseconds(dueMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds));

    public Task StopTimerAsync(string name) => UnregisterTimerAsync(name);

    public async Task<int> CallSelfAsync(int depth)
    {
        if (depth == 0) return 0;
        var self = ProxyFactory.CreateActorProxy<ITestActor>(Id, Host.ActorTypeInfo.ActorTypeName);
        return 1 + await self.CallSelfAsync(depth - 1);
    }

    public async Task SetExpiringStateAsync(string key, string value, int ttlSeconds)
    {
        await StateManager.SetStateAsync(key, value, TimeSpan.FromSeconds(ttlSeconds));
        await StateManager.SaveStateAsync();
    }

    public Task<string> WhereAsync() => Task.FromResult(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        probe.Record("reminder", Id.GetId(), reminderName, Encoding.UTF8.GetString(state));
        return Task.CompletedTask;
    }

    public Task OnTimerAsync(byte[] data)
    {
        probe.Record("timer", Id.GetId(), Encoding.UTF8.GetString(data));
        return Task.CompletedTask;
    }

    protected override Task OnDeactivateAsync()
    {
        probe.Record("deactivated", Id.GetId());
        return Task.CompletedTask;
    }
}
