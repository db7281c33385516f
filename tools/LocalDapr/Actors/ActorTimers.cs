using System.Text.Json.Nodes;

namespace LocalDapr.Actors;

/// <summary>
/// Actor timers (https://docs.dapr.io/developing-applications/building-blocks/actors/actors-timers-reminders/): kept in
/// memory only, they live and die with the actor's activation and fire in its turn.
/// </summary>
public sealed class ActorTimers(ActorRuntime actors)
{
    private readonly ILogger _logger = actors.Services.LoggerFactory.CreateLogger("dapr.actors");

    public void Register(string actorType, string actorId, string name, ActorSchedule schedule, JsonObject request)
    {
        var actor = actors.Activate(actorType, actorId);
        var token = actor.StartTimer(name);
        _ = Task.Run(() => RunAsync(actor, name, schedule, request, token), CancellationToken.None);
    }

    public void Unregister(string actorType, string actorId, string name) => actors.FindActive(actorType, actorId)?.StopTimer(name);

    private async Task RunAsync(ActiveActor actor, string name, ActorSchedule schedule, JsonObject request, CancellationToken cancellationToken)
    {
        var due = schedule.FirstDueAt;
        var remaining = schedule.Repetitions;
        try
        {
            while (true)
            {
                if (schedule.ExpiresAt is { } end && due > end) return;
                await actors.DelayUntilAsync(due, cancellationToken);
                var body = new JsonObject
                {
                    ["callback"] = request["callback"]?.DeepClone(),
                    ["data"] = request["data"]?.DeepClone(),
                    ["dueTime"] = request["dueTime"]?.DeepClone() ?? "",
                    ["period"] = request["period"]?.DeepClone() ?? "",
                };

                // Timers do not reset the idle clock: a timer alone does not keep an actor active.
                var (done, _) = await actors.TryRunTurnAsync(actor, null, resetsIdle: false, async (a, chain) =>
                {
                    try
                    {
                        await a.Host.Sidecar.Resiliency.ForActor(a.Type).ExecuteOnceAsync(async attemptCancellation =>
                        {
                            await a.Host.CallbackAsync(a.Type, a.Id, "timer", name, body, chain, attemptCancellation);
                            return true;
                        }, cancellationToken);
                    }
                    catch (Exception e) when (e is HttpRequestException or Resiliency.AttemptTimeoutException)
                    {
                        _logger.LogWarning("timer {Timer} of actor {ActorType}/{ActorId} failed: {Error}", name, a.Type, a.Id, e.Message);
                    }

                    return true;
                }, cancellationToken);
                if (!done || schedule.NextAfter(due, remaining) is not { } next) return;
                if (remaining is not null) remaining--;
                due = next;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Deleted, replaced, or the actor was deactivated.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "timer {Timer} of actor {ActorType}/{ActorId} stopped", name, actor.Type, actor.Id);
        }
        finally
        {
            actor.TimerEnded(name, cancellationToken);
        }
    }
}
