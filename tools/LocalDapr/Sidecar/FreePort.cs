using System.Net;
using System.Net.Sockets;

namespace LocalDapr.Sidecar;

/// <summary>
/// Finds a free loopback TCP port, for sidecars and test apps started without fixed ports. Ports come from below
/// Linux's ephemeral range (32768–60999): a port the OS handed out and we released could otherwise be taken as the
/// local port of some outgoing connection before our server binds it. Each port is handed out once per process, and
/// the random start keeps parallel test processes apart.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32700;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        lock (Gate)
        {
            var start = Random.Shared.Next(First, Last);
            for (var i = 0; i < Last - First; i++)
            {
                var port = First + ((start - First + i) % (Last - First));
                if (HandedOut.Contains(port) || !IsFree(port)) continue;
                HandedOut.Add(port);
                return port;
            }

            throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
