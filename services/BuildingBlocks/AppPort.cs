using System.Globalization;
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
        var port = configuration[Setting] is { Length: > 0 } configuredPort ? configuredPort : defaultPort.ToString(CultureInfo.InvariantCulture);
        return $"http://{ListenAddress(configuration)}:{port}";
    }

    /// <summary>The host part of the listen URLs: <c>APP_LISTEN_ADDRESS</c> (IPv6 in brackets), else <c>localhost</c>.</summary>
    private static string ListenAddress(IConfiguration configuration)
    {
        var address = configuration[ListenAddressSetting] is { Length: > 0 } configured ? configured : DefaultListenAddress;
        return address.Contains(':', StringComparison.Ordinal) && !address.StartsWith('[') ? $"[{address}]" : address;
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
    /// An HTTP/1.1 port answering only the health probes, for callers that cannot speak prior-knowledge HTTP/2 to an
    /// h2c app port: Kubernetes' httpGet probes (charts/service-lib sets it for h2c apps). Unset: no such port.
    /// </summary>
    public const string ProbeSetting = "PROBE_PORT";

    /// <summary>
    /// App protocol h2c, for a service with gRPC APIs: cleartext HTTP/2 only (gRPC, transcoded JSON and REST alike), as
    /// Kestrel cannot serve HTTP/1.1 and prior-knowledge HTTP/2 on one cleartext port. An explicit <c>Listen</c> (the
    /// test host's) overrides the URL.
    /// </summary>
    public static WebApplicationBuilder ServeH2cOnAppPort(this WebApplicationBuilder builder, int defaultPort)
    {
        var url = ListenUrl(builder.Configuration, defaultPort);
        var probePort = builder.Configuration[ProbeSetting] is { } probe ? int.Parse(probe, CultureInfo.InvariantCulture) : (int?)null;
        builder.WebHost.UseUrls(probePort is null ? url : $"{url};http://{ListenAddress(builder.Configuration)}:{probePort}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            listen.Protocols = listen.IPEndPoint?.Port == probePort ? HttpProtocols.Http1 : HttpProtocols.Http2));
        if (probePort is { } port) builder.Services.AddTransient<IStartupFilter>(_ => new ProbePortFilter(port));
        return builder;
    }

    /// <summary>The probe port serves the health endpoints and nothing else: the app's APIs stay on the app port.</summary>
    private sealed class ProbePortFilter(int probePort) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var health = context.Request.Path.StartsWithSegments(HealthPaths.Liveness) || context.Request.Path.StartsWithSegments(HealthPaths.Readiness);
                if (context.Connection.LocalPort == probePort && !health)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
