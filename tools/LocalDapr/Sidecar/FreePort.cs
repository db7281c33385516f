using System.Net;
using System.Net.Sockets;

namespace LocalDapr.Sidecar;

/// <summary>Finds a free loopback TCP port, for sidecars and test apps started without fixed ports.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
