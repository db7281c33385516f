using System.Net;
using System.Net.Sockets;

namespace SpaceOfSport.Shop.Benchmarks;

/// <summary>
/// One HTTP client per simulated client address: each connects from its own loopback address (127.1.0.1, 127.1.0.2,
/// ...; Linux routes all of 127.0.0.0/8 to lo), so the gateway's per-address rate limit and identity's per-address
/// sign-in limit count shoppers as they would count people on the internet, with the shop's settings unchanged.
/// </summary>
internal sealed class ShopClients : IDisposable
{
    private readonly HttpClient[] _byAddress;

    public ShopClients(int addresses)
    {
        _byAddress = [.. Enumerable.Range(0, addresses).Select(i => Create(new IPAddress([127, (byte)(1 + (i / 254)), 0, (byte)(1 + (i % 254))])))];
        Setup = _byAddress[0];
    }

    /// <summary>The client for reading the catalog before the run.</summary>
    public HttpClient Setup { get; }

    public HttpClient For(int shopper) => _byAddress[shopper % _byAddress.Length];

    public void Dispose()
    {
        foreach (var client in _byAddress) client.Dispose();
    }

    private static HttpClient Create(IPAddress source) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectCallback = async (context, cancellation) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                // "localhost" may resolve to ::1 first, which an IPv4 source address cannot reach.
                var host = context.DnsEndPoint.Host is "localhost" ? IPAddress.Loopback
                    : (await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, AddressFamily.InterNetwork, cancellation))[0];
                await socket.ConnectAsync(new IPEndPoint(host, context.DnsEndPoint.Port), cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = TimeSpan.FromSeconds(30) };
}
