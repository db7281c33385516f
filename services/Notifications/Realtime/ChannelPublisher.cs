using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>
/// Turns an event into a channel message: numbered in the channel's log (the same number on every replica), then
/// sent to this replica's connections on the channel; anonymous ones get their view (<see cref="ChannelViews"/>).
/// </summary>
public sealed class ChannelPublisher(ChannelLogStore logs, ChannelViews views, IHubContext<RealtimeHub> hub)
{
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public async Task<ChannelMessage> PublishAsync<TData>(Channel channel, string type, IntegrationEvent source, TData data, CancellationToken cancellationToken)
    {
        var message = await logs.AppendAsync(channel.Name, type, source.Id, source.OccurredAt, JsonSerializer.SerializeToElement(data, Json), cancellationToken);
        await hub.Clients.Group(channel.Group(anonymous: false)).SendAsync(RealtimeHub.EventMethod, message, cancellationToken);
        if (channel.IsPublic)
            await hub.Clients.Group(channel.Group(anonymous: true)).SendAsync(RealtimeHub.EventMethod, views.For(channel, anonymous: true)(message), cancellationToken);
        return message;
    }
}
