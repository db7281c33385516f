extern alias notifications;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using SpaceOfSport.TestSupport;
using ChannelClosed = notifications::SpaceOfSport.Notifications.Realtime.ChannelClosed;
using ChannelMessage = notifications::SpaceOfSport.Notifications.Realtime.ChannelMessage;
using SubscribeResult = notifications::SpaceOfSport.Notifications.Realtime.SubscribeResult;

namespace SpaceOfSport.Notifications.Tests.Infrastructure;

/// <summary>
/// A browser tab on the hub, through SignalR's .NET client as the storefront's <c>@microsoft/signalr</c> connects:
/// WebSockets only, negotiation skipped, the credential in the <c>access_token</c> query (browsers cannot set headers
/// on a WebSocket), the page's <c>Origin</c>. Keeps what the hub sends it.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<ChannelMessage> _received = new();
    private readonly ConcurrentQueue<ChannelClosed> _closed = new();
    private readonly TaskCompletionSource<Exception?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubClient(Uri hub, string? credential, string? origin)
    {
        var url = credential is null ? hub : new Uri($"{hub}?access_token={Uri.EscapeDataString(credential)}");
        Connection = new HubConnectionBuilder()
            .WithUrl(url, options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                if (origin is not null) options.Headers["Origin"] = origin;
            })
            .Build();
        Connection.On<ChannelMessage>("event", _received.Enqueue);
        Connection.On<ChannelClosed>("channelClosed", _closed.Enqueue);
        Connection.Closed += exception =>
        {
            _ended.TrySetResult(exception);
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<ChannelMessage> Received => [.. _received];

    public IReadOnlyList<ChannelClosed> ClosedChannels => [.. _closed];

    /// <summary>Completes when the hub closes the connection.</summary>
    public Task<Exception?> Ended => _ended.Task;

    public async Task<HubClient> StartAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Connection.StartAsync(timeout.Token);
        return this;
    }

    public Task<SubscribeResult> SubscribeAsync(string channel, long? afterSequence = null) =>
        Connection.InvokeAsync<SubscribeResult>("Subscribe", channel, afterSequence);

    public async Task<ChannelMessage> WaitForAsync(string channel, Func<ChannelMessage, bool>? match = null)
    {
        ChannelMessage? found = null;
        await Eventually.UntilAsync(() => (found = Received.FirstOrDefault(m => m.Channel == channel && (match?.Invoke(m) ?? true))) is not null,
            $"a message on {channel}", context: () => string.Join(", ", Received.Select(m => $"{m.Channel}#{m.Sequence} {m.Type}")));
        return found!;
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
