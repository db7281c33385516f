using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>
/// The hub at <c>/ws</c> (SignalR, JSON protocol, WebSockets only). Clients call <see cref="Subscribe"/> and
/// <see cref="Unsubscribe"/>; the hub calls them with <c>event</c> (a <see cref="ChannelMessage"/>) and
/// <c>channelClosed</c> (a <see cref="ChannelClosed"/>). Errors are <see cref="HubException"/>s whose message starts
/// with a code: <c>not-found</c>, <c>too-many-subscriptions</c>, <c>rate-limited</c>.
/// </summary>
public sealed class RealtimeHub(HubConnections connections, ChannelLogStore logs, ChannelViews views, IOptions<HubSettings> settings, TimeProvider clock) : Hub
{
    public const string Path = "/ws";
    public const string EventMethod = "event";
    public const string ChannelClosedMethod = "channelClosed";

    public override Task OnConnectedAsync()
    {
        var user = HubIdentity.UserOf(Context.User);
        connections.Add(Context, user, user is null ? null : HubIdentity.ExpiryOf(Context.User));
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Joins <paramref name="channel"/>. With <paramref name="afterSequence"/> (the last sequence the client saw on it),
    /// answers what it missed since then; without it, the channel's latest message.
    /// </summary>
    public async Task<SubscribeResult> Subscribe(string channel, long? afterSequence)
    {
        var connection = Charge();
        // Someone else's channel reads as one that does not exist, as a 404 would.
        if (!Channel.TryParse(channel, out var parsed) || (!parsed.IsPublic && parsed.Owner != connection.User))
            throw new HubException($"not-found: there is no channel '{channel}' for this connection.");
        if (!connection.TryAdd(parsed, settings.Value.MaxSubscriptionsPerConnection))
            throw new HubException($"too-many-subscriptions: a connection may hold {settings.Value.MaxSubscriptionsPerConnection} channels.");

        // Join first, read after: a message appended in between arrives twice (same sequence), never not at all.
        await Groups.AddToGroupAsync(Context.ConnectionId, parsed.Group(connection.IsAnonymous), Context.ConnectionAborted);
        var log = await logs.ReadAsync(parsed.Name, Context.ConnectionAborted);
        var view = views.For(parsed, connection.IsAnonymous);
        if (afterSequence is not { } after)
            return new SubscribeResult(parsed.Name, log.Sequence, [], false, log.Recent.Count == 0 ? null : view(log.Recent[^1]));

        var missed = log.Recent.Where(m => m.Sequence > after).ToList();
        // The log no longer reaches back to what the client saw, or the client saw numbers the log never gave.
        var resync = after > log.Sequence || (missed.Count > 0 && missed[0].Sequence != after + 1);
        return new SubscribeResult(parsed.Name, log.Sequence, resync ? [] : [.. missed.Select(view)], resync, null);
    }

    public async Task Unsubscribe(string channel)
    {
        var connection = Charge();
        if (!Channel.TryParse(channel, out var parsed)) return;
        if (connection.Remove(parsed, clock.GetUtcNow()))
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, parsed.Group(connection.IsAnonymous), Context.ConnectionAborted);
    }

    /// <summary>Counts a call against the connection's rate (<see cref="HubSettings.MessagesPerSecondPerConnection"/>).</summary>
    private HubConnection Charge()
    {
        var connection = connections.Find(Context.ConnectionId) ?? throw new HubException("not-connected: the connection is closing.");
        var perSecond = settings.Value.MessagesPerSecondPerConnection;
        if (!connection.TryCall(clock.GetUtcNow(), perSecond)) throw new HubException($"rate-limited: at most {perSecond} calls a second per connection.");
        return connection;
    }
}
