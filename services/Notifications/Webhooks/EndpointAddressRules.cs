using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace SpaceOfSport.Notifications.Webhooks;

/// <summary>
/// Where the shop may send partner webhooks (a guard against server-side request forgery): https only, and only to
/// public addresses, both when an endpoint is registered (a literal address) and at every connection (a name is
/// resolved and each address checked there, so a name that later points inside the network is refused too). The
/// <see cref="WebhookSettings.DevelopmentHosts"/> are exempt in Development and Testing only.
/// </summary>
public sealed class EndpointAddressRules(IOptions<WebhookSettings> settings, IHostEnvironment environment)
{
    public const int MaxUrlLength = 2048;

    /// <summary>Null when <paramref name="url"/> may be registered; else why not.</summary>
    public string? Problem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "a URL is required";
        if (url.Length > MaxUrlLength) return $"at most {MaxUrlLength} characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return "an absolute https URL is required";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "credentials in the URL are not accepted (the signature authenticates the shop)";
        if (!string.IsNullOrEmpty(uri.Fragment)) return "a URL with a fragment is not accepted";
        if (IsDevelopmentHost(uri.IdnHost)) return null;
        if (uri.Scheme != Uri.UriSchemeHttps) return "https is required";
        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !IsPublic(address))
            return "private, loopback and link-local addresses are not accepted";
        if (uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return "private, loopback and link-local addresses are not accepted";
        return null;
    }

    /// <summary>
    /// The connection step of the webhook HttpClient: resolves the host and connects only to an allowed address, so
    /// the check and the connection use the same address (no window for DNS rebinding).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = IsDevelopmentHost(host) ? addresses : [.. addresses.Where(IsPublic)];
        if (allowed.Length == 0) throw new HttpRequestException($"{host} resolves to no public address; webhooks are sent to public addresses only");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool IsDevelopmentHost(string host) =>
        (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        && settings.Value.DevelopmentHosts.Contains(host.Trim('[', ']'), StringComparer.OrdinalIgnoreCase);

    /// <summary>False for loopback, private (RFC 1918, unique local), link-local (cloud metadata), carrier-grade NAT, multicast and unspecified addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 => b[1] is < 64 or > 127,          // 100.64.0.0/10 carrier-grade NAT
            169 => b[1] != 254,                    // 169.254.0.0/16 link-local, the cloud metadata service
            172 => b[1] is < 16 or > 31,           // 172.16.0.0/12
            192 => !(b[1] == 168 || (b[1] == 0 && b[2] is 0 or 2)), // 192.168.0.0/16, 192.0.0.0/24, 192.0.2.0/24
            198 => b[1] is not (18 or 19),         // 198.18.0.0/15 benchmarking
            >= 224 => false,                       // multicast and reserved
            _ => true,
        };
    }
}
