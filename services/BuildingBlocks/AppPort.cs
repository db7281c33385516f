using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SpaceOfSport.BuildingBlocks;

/// <summary>The port the sidecar calls the app on (<c>APP_PORT</c>, as <c>dapr run --app-port</c> sets it).</summary>
public static class AppPort
{
    public const string Setting = "APP_PORT";

    /// <summary>
    /// App protocol h2c, for a service with gRPC APIs: cleartext HTTP/2 only (gRPC, transcoded JSON and REST alike), as
    /// Kestrel cannot serve HTTP/1.1 and prior-knowledge HTTP/2 on one cleartext port. An explicit <c>Listen</c> (the
    /// test host's) overrides the URL.
    /// </summary>
    public static WebApplicationBuilder ServeH2cOnAppPort(this WebApplicationBuilder builder, int defaultPort)
    {
        builder.WebHost.UseUrls($"http://0.0.0.0:{builder.Configuration[Setting] ?? defaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        return builder;
    }
}
