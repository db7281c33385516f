using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>One open connection: who it is (until the token expires), what it listens to, how much it has asked.</summary>
public sealed class HubConnection(HubCallerContext context, Guid? user, DateTimeOffset idleSince)
{
    private readonly HashSet<Channel> _channels = [];
    private long _windowSecond = -1;
    private int _callsInWindow;

    public HubCallerContext Context { get; } = context;

    public string Id => Context.ConnectionId;

    /// <summary>The signed-in user; null for an anonymous connection, and once the access token expired.</summary>
    public Guid? User { get; private set; } = user;

    public bool IsAnonymous => User is null;

    /// <summary>When the connection last held no channel (null while it holds one).</summary>
    public DateTimeOffset? IdleSince { get; private set; } = idleSince;

    public ITimer? ExpiryTimer { get; set; }

    public Lock Gate { get; } = new();

    public IReadOnlyCollection<Channel> Channels
    {
        get
        {
            lock (Gate) return [.. _channels];
        }
    }

    /// <summary>False when the connection already holds <paramref name="limit"/> channels (joining one it holds is fine).</summary>
    public bool TryAdd(Channel channel, int limit)
    {
        lock (Gate)
        {
            if (!_channels.Contains(channel) && _channels.Count >= limit) return false;
            _channels.Add(channel);
            IdleSince = null;
            return true;
        }
    }

    public bool Remove(Channel channel, DateTimeOffset now)
    {
        lock (Gate)
        {
            var removed = _channels.Remove(channel);
            if (_channels.Count == 0) IdleSince ??= now;
            return removed;
        }
    }

    /// <summary>The token expired: the connection is anonymous from now on.</summary>
    public void SignOut()
    {
        lock (Gate) User = null;
    }

    /// <summary>Counts a hub call in the current second; false when the connection is over its rate.</summary>
    public bool TryCall(DateTimeOffset now, int perSecond)
    {
        var second = now.ToUnixTimeSeconds();
        lock (Gate)
        {
            if (second != _windowSecond)
            {
                _windowSecond = second;
                _callsInWindow = 0;
            }

            return ++_callsInWindow <= perSecond;
        }
    }
}

/// <summary>
/// Every connection of this replica, with the two timers that end what a connection may keep: its token's expiry
/// (personal channels closed, public ones switched to the anonymous view) and idleness (no channel for
/// <see cref="HubSettings.IdleTimeout"/>: closed).
/// </summary>
public sealed partial class HubConnections(IHubContext<RealtimeHub> hub, TimeProvider clock, IOptions<HubSettings> settings, ILogger<HubConnections> logger)
    : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, HubConnection> _connections = new();
    private ITimer? _idleSweep;

    public int Count => _connections.Count;

    public HubConnection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public HubConnection Add(HubCallerContext context, Guid? user, DateTimeOffset? expiresAt)
    {
        var connection = new HubConnection(context, user, clock.GetUtcNow());
        _connections[context.ConnectionId] = connection;
        if (user is not null && expiresAt is { } expiry)
        {
            var due = expiry - clock.GetUtcNow();
            connection.ExpiryTimer = clock.CreateTimer(_ => _ = ExpireAsync(connection), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }

        return connection;
    }

    public void Remove(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var connection)) connection.ExpiryTimer?.Dispose();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var period = settings.Value.IdleTimeout / 4;
        _idleSweep = clock.CreateTimer(_ => CloseIdle(), null, period, period);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _idleSweep?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _idleSweep?.Dispose();

    private void CloseIdle()
    {
        var limit = clock.GetUtcNow() - settings.Value.IdleTimeout;
        foreach (var connection in _connections.Values)
        {
            if (connection.IdleSince is { } since && since <= limit) connection.Context.Abort();
        }
    }

    private async Task ExpireAsync(HubConnection connection)
    {
        connection.ExpiryTimer?.Dispose();
        connection.SignOut();
        foreach (var channel in connection.Channels)
        {
            try
            {
                await hub.Groups.RemoveFromGroupAsync(connection.Id, channel.Group(anonymous: false));
                if (channel.IsPublic)
                {
                    await hub.Groups.AddToGroupAsync(connection.Id, channel.Group(anonymous: true));
                    continue;
                }

                connection.Remove(channel, clock.GetUtcNow());
                await hub.Clients.Client(connection.Id).SendAsync(RealtimeHub.ChannelClosedMethod, new ChannelClosed(channel.Name, "token-expired"));
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException or OperationCanceledException)
            {
                LogExpiryFailed(logger, exception, connection.Id);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Ending the personal channels of connection {ConnectionId} failed (it is closing)")]
    private static partial void LogExpiryFailed(ILogger logger, Exception exception, string connectionId);
}
