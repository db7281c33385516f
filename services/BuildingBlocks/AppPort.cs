using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SpaceOfSport.BuildingBlocks;

/// <summary>The port the sidecar calls the app on (<c>APP_PORT</c>, as <c>dapr run --app-port</c> sets it).</summary>
public static class AppPort
{
    public const string Setting = "APP_PORT";

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
        var appPort = builder.Configuration[Setting] ?? defaultPort.ToString(CultureInfo.InvariantCulture);
        var probePort = builder.Configuration[ProbeSetting] is { } probe ? int.Parse(probe, CultureInfo.InvariantCulture) : (int?)null;
        builder.WebHost.UseUrls(probePort is null ? $"http://0.0.0.0:{appPort}" : $"http://0.0.0.0:{appPort};http://0.0.0.0:{probePort}");
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
