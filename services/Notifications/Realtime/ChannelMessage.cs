using System.Text.Json;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>
/// What a client receives (hub method <c>event</c>): one change on one channel. <see cref="Sequence"/> counts the
/// channel's messages from 1, the same on every hub replica; <see cref="Id"/> is the integration event it came from.
/// </summary>
public sealed record ChannelMessage(string Channel, long Sequence, string Type, Guid Id, DateTimeOffset OccurredAt, JsonElement Data);

/// <summary>
/// What <c>Subscribe</c> answers: the channel's current <see cref="Sequence"/>; with <c>afterSequence</c>, the
/// messages since then (<see cref="Missed"/>), or <see cref="Resync"/> when they are no longer kept (read the state
/// again, e.g. <c>GET /api/cart/cart</c>); without it, the channel's <see cref="Latest"/> message (a product's stock now).
/// </summary>
public sealed record SubscribeResult(string Channel, long Sequence, IReadOnlyList<ChannelMessage> Missed, bool Resync, ChannelMessage? Latest);

/// <summary>Sent as <c>channelClosed</c> when the hub ends a subscription itself (the access token expired).</summary>
public sealed record ChannelClosed(string Channel, string Reason);
