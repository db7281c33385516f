using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// Where the app listens: the port the sidecar calls it on (<c>APP_PORT</c>, as <c>dapr run --app-port</c> sets it) on
/// the loopback interface, where the sidecar is, unless <c>APP_LISTEN_ADDRESS</c> names another (a container, whose
/// sidecar and probes reach it on the pod's address, sets <c>0.0.0.0</c>). An app bound to every interface is
/// reachable around its sidecar; on loopback only the processes of its own machine (or pod) can call it.
/// </summary>
public static class AppPort
{
    public const string Setting = "APP_PORT";

    public const string ListenAddressSetting = "APP_LISTEN_ADDRESS";

    /// <summary>Both loopback interfaces (127.0.0.1 and ::1), as Kestrel reads the host name.</summary>
    public const string DefaultListenAddress = "localhost";

    /// <summary>The URL Kestrel listens on: <c>http://{APP_LISTEN_ADDRESS or localhost}:{APP_PORT or defaultPort}</c>.</summary>
    public static string ListenUrl(IConfiguration configuration, int defaultPort)
    {
        var address = configuration[ListenAddressSetting] is { Length: > 0 } configured ? configured : DefaultListenAddress;
        if (address.Contains(':', StringComparison.Ordinal) && !address.StartsWith('[')) address = $"[{address}]";
        var port = configuration[Setting] is { Length: > 0 } configuredPort ? configuredPort : defaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"http://{address}:{port}";
    }

    /// <summary>
    /// App protocol http: HTTP/1.1 (and HTTP/2 where the client negotiates it) on the app port. An explicit
    /// <c>Listen</c> (the test host's) overrides the URL.
    /// </summary>
    public static WebApplicationBuilder ServeHttpOnAppPort(this WebApplicationBuilder builder, int defaultPort)
    {
        builder.WebHost.UseUrls(ListenUrl(builder.Configuration, defaultPort));
        return builder;
    }

    /// <summary>
    /// App protocol h2c, for a service with gRPC APIs: cleartext HTTP/2 only (gRPC, transcoded JSON and REST alike), as
    /// Kestrel cannot serve HTTP/1.1 and prior-knowledge HTTP/2 on one cleartext port. An explicit <c>Listen</c> (the
    /// test host's) overrides the URL.
    /// </summary>
    public static WebApplicationBuilder ServeH2cOnAppPort(this WebApplicationBuilder builder, int defaultPort)
    {
        builder.WebHost.UseUrls(ListenUrl(builder.Configuration, defaultPort));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        return builder;
    }
}
