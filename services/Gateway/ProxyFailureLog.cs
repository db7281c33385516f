using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace SpaceOfSport.Gateway;

/// <summary>
/// The console while something behind the gateway is down: one warning per target and cause per
/// <see cref="GatewayOptions.FailureLogInterval"/>, saying how many requests failed the same way since the last one,
/// instead of the forwarder's stack trace for every request (a storefront that is not started yet would otherwise bury
/// everything else the first command prints).
/// </summary>
public sealed partial class ProxyFailureLog(ILogger<ProxyFailureLog> logger, TimeProvider clock, IOptions<GatewayOptions> options)
{
    private readonly ConcurrentDictionary<(string Target, string Cause), Window> _windows = new();

    /// <summary>Counts a failed request to <paramref name="target"/>; logs a warning when this cause's interval has passed.</summary>
    public void Report(string target, string cause, string? address)
    {
        var now = clock.GetUtcNow();
        var interval = options.Value.FailureLogInterval;
        var window = _windows.GetOrAdd((target, cause), _ => new Window());
        int failed;
        lock (window)
        {
            window.Failed++;
            if (window.LastLogged is { } last && now - last < interval) return;
            failed = window.Failed;
            window.LastLogged = now;
            window.Failed = 0;
        }

        LogFailure(target, address ?? "its address", cause, failed, interval);
    }

    /// <summary>What went wrong, in words that stay the same from one request to the next (they key the interval).</summary>
    public static string Describe(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket) return $"{socket.SocketErrorCode} ({socket.Message})";
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http) return http.HttpRequestError.ToString();
            if (e is TimeoutException or TaskCanceledException) return "timed out";
        }

        return exception?.GetType().Name ?? "no answer";
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Unreachable: {Target} at {Address} ({Cause}). {Failed} request(s) failed this way since the last warning; repeated at most every {Interval}.")]
    private partial void LogFailure(string target, string address, string cause, int failed, TimeSpan interval);

    private sealed class Window
    {
        public DateTimeOffset? LastLogged { get; set; }

        public int Failed { get; set; }
    }
}
