namespace SpaceOfSport.Notifications.Realtime;

/// <summary>The <c>Hub</c> configuration section: who may connect, and how much one connection may ask of the hub.</summary>
public sealed class HubSettings
{
    public const string Section = "Hub";

    /// <summary>Browser origins allowed to open the hub (the shop's public URL, the storefront); others get 403.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Largest message a client may send, in bytes; a larger one closes the connection.</summary>
    public long MaxMessageSize { get; set; } = 4096;

    public int MaxSubscriptionsPerConnection { get; set; } = 50;

    /// <summary>Hub method calls one connection may make per second; more are refused with <c>rate-limited</c>.</summary>
    public int MessagesPerSecondPerConnection { get; set; } = 20;

    /// <summary>A connection subscribed to no channel for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A connection the client has not pinged for this long is dead and closed (SignalR's client timeout).</summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the hub pings the client (half the client's own server timeout, SignalR's default 30 s).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a one-time ticket from <c>POST /api/tickets</c> may wait to be used.</summary>
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages kept per channel for clients that reconnect; a client further behind is told to resync.</summary>
    public int RecentMessagesPerChannel { get; set; } = 50;

    /// <summary>
    /// Events older than this when they arrive are not pushed: a replica's new consumer group may start at the beginning
    /// of a stream (Redis), and a stale stock status or sale would mislead more than silence.
    /// </summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Anonymous connections see exact stock counts only from this many units up; below it, only the status.</summary>
    public long ExactStockFrom { get; set; } = 10;
}
