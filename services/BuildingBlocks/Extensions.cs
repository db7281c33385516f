using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Security;

namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// The defaults every deployable starts from: <c>builder.AddServiceDefaults()</c> before <c>Build()</c>,
/// <c>app.MapDefaultEndpoints()</c> after the app's own endpoints.
/// </summary>
public static class Extensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, Action<ServiceDefaultsOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        var options = new ServiceDefaultsOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddTransient<IStartupFilter, ServiceDefaultsStartupFilter>();

        builder.ConfigureOpenTelemetry();
        builder.Logging.KeepQueryTokensOutOfLogs();
        builder.AddDefaultHealthChecks();
        builder.AddProblemDetailsForEveryError();
        builder.AddBadRequestProblems();
        builder.Services.AddExceptionHandler<DependencyUnavailableProblems>();
        // Otherwise gRPC maps a catch-all /{service}/{method} endpoint that takes every two-segment path from routing:
        // POST /api/users as text/plain would be a 404, not a 415, and DELETE /api/users not a 405. A call to an
        // unknown gRPC service still fails for gRPC clients (an HTTP 404 reads as UNIMPLEMENTED).
        builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.IgnoreUnknownServices = true);
        builder.Services.ConfigureHttpJsonOptions(json => JsonConventions.Apply(json.SerializerOptions));
        builder.AddDaprWiring();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPaths.Liveness, new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks(HealthPaths.Readiness).DisableRateLimiting();
        app.MapSubscribeHandler();
        return app;
    }

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry();
        // OTEL_SERVICE_NAME wins when set; otherwise the Dapr app-id names the service in traces.
        if (builder.Configuration["OTEL_SERVICE_NAME"] is null)
            telemetry.ConfigureResource(resource => resource.AddService(builder.Configuration["APP_ID"] ?? builder.Environment.ApplicationName));

        telemetry
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
    }

    private static void AddDefaultHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(DaprSidecarHealthCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(3));
        builder.Services.AddHealthChecks().AddCheck<DaprSidecarHealthCheck>(DaprSidecarHealthCheck.Name, HealthStatus.Unhealthy);
    }

    private static void AddProblemDetailsForEveryError(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        });
        // A request Kestrel could not read (malformed, too large) is the caller's fault: its own 4xx, never a 500.
        builder.Services.Configure<ExceptionHandlerOptions>(handler =>
            handler.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
    }

    private static void AddDaprWiring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDaprClient(dapr => dapr.UseJsonSerializationOptions(JsonConventions.Create()));
        builder.Services.AddSingleton<AppApiToken>();
    }

    private static bool IsHealthProbe(PathString path) => path.StartsWithSegments(HealthPaths.Liveness) || path.StartsWithSegments(HealthPaths.Readiness);
}
