using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SpaceOfSport.Gateway.DeveloperPortal;
using Yarp.ReverseProxy.Configuration;

namespace SpaceOfSport.Gateway;

/// <summary>
/// The gateway's services and its edge middleware. Every setting is read through options when the app starts, so the
/// launcher's environment (and a test's settings) decide it, never a value captured while building.
/// </summary>
public static class Extensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));
        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<GatewayOptions>>((forwarded, gateway) =>
        {
            // Only the configured proxies are believed; the framework's default of trusting loopback is dropped too.
            // Empty lists would make the middleware believe anyone, so without proxies nothing is read at all.
            var proxies = gateway.Value.KnownProxies;
            forwarded.ForwardedHeaders = proxies.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        });

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<GatewayOptions>>((cors, gateway) => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. gateway.Value.AllowedOrigins])
            .AllowAnyMethod()
            .AllowAnyHeader()
            .AllowCredentials()
            .WithExposedHeaders(HeaderNames.RetryAfter, HeaderNames.Location, HeaderNames.ETag)));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewayOptions>>((limiter, gateway) =>
            limiter.GlobalLimiter = ClientRateLimit.Create(gateway.Value.RateLimit));

        services.AddDeveloperPortal();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProxyFailureLog>();
        // The forwarder logs a warning with a stack trace for every failed request; ProxyFailureLog says it once per interval.
        builder.Logging.AddFilter("Yarp.ReverseProxy.Forwarder.HttpForwarder", LogLevel.Error);

        services.AddReverseProxy().Services.AddSingleton<Yarp.ReverseProxy.Transforms.Builder.ITransformProvider, UnavailableServiceTransform>();
        services.AddSingleton<IProxyConfigProvider>(provider =>
            ProxyRoutes.Create(provider.GetRequiredService<IOptions<GatewayOptions>>().Value, provider.GetRequiredService<IConfiguration>()));
        return builder;
    }

    /// <summary>The edge, in order: the real client first (forwarded headers), then browser hardening, CORS, rate limits, body size.</summary>
    public static WebApplication UseGatewayEdge(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use(SecurityHeaders.AddAsync);
        app.UseCors();
        app.UseRateLimiter();
        app.Use(RequestBodyLimit.EnforceAsync);
        return app;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? wait
            : context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.RateLimit.ReplenishmentPeriod;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This address sent more requests than allowed. Retry after {seconds} s.",
            },
        });
    }
}
