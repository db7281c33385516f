using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace SpaceOfSport.Gateway.Apis;

/// <summary>
/// The public surface: <c>/api/{service}/**</c> and <c>/graphql/{service}</c> to the services, <c>/ws</c> to the
/// notifications hub, everything else to the storefront (routes in <see cref="ProxyRoutes"/>). Answers from the apps
/// pass through untouched; the gateway's own failures are problem details.
/// </summary>
public static class ProxyApi
{
    public static WebApplication MapProxyApi(this WebApplication app)
    {
        app.MapReverseProxy(proxy => proxy.Use(AnswerProxyFailuresAsync));

        // Less specific than every configured service's route, so only unknown services land here.
        app.Map("/api/{**path}", UnknownService).WithName("UnknownServiceApi").WithSummary("A 404 problem for a service the gateway does not route to.");
        app.Map("/graphql/{**path}", UnknownService).WithName("UnknownServiceGraphQL").WithSummary("A 404 problem for a GraphQL endpoint the gateway does not route to.");
        // The sidecar's callbacks the gateway does not serve (/dapr/config, actors) are answered here, never by the storefront.
        foreach (var path in SpaceOfSport.BuildingBlocks.DaprCallbacks.Paths)
            app.Map($"{path}/{{**rest}}", NoSuchCallback).WithName($"NoSuchCallback{path.Value!.TrimStart('/')}").WithSummary("A 404 problem for a Dapr callback the gateway does not serve.");
        if (ProxyRoutes.HubAddress(app.Configuration) is null)
            app.Map(ProxyRoutes.HubPath + "/{**rest}", HubNotConfigured).WithName("HubNotConfigured").WithSummary("A 503 problem while no notifications hub is configured.");

        return app;
    }

    public static ProblemHttpResult UnknownService(string? path)
    {
        var service = path?.Split('/', 2)[0];
        return TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown service",
            detail: string.IsNullOrEmpty(service) ? "The path names no service." : $"There is no service '{service}' behind this gateway.");
    }

    public static ProblemHttpResult NoSuchCallback() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such callback",
        detail: "The gateway hosts no actors and has no Dapr configuration to offer.");

    public static ProblemHttpResult HubNotConfigured(HttpResponse response)
    {
        response.Headers.RetryAfter = ServiceUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The notifications hub is not configured",
            detail: "Set Services:notifications to the notifications app's address.");
    }

    private static async Task AnswerProxyFailuresAsync(HttpContext context, Func<Task> next)
    {
        // An app's own answer (an empty 404 included) passes through as it is.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages) statusCodePages.Enabled = false;
        await next();

        if (context.GetForwarderErrorFeature() is not { } failure) return;
        var bodyTooLarge = IsBodyTooLarge(failure.Exception);
        var proxy = context.GetReverseProxyFeature();
        var target = proxy.Route.Config.Metadata?.GetValueOrDefault(ProxyRoutes.TargetMetadata) ?? "upstream";
        if (!bodyTooLarge && !context.RequestAborted.IsCancellationRequested && !IsClientSide(failure.Error))
        {
            context.RequestServices.GetRequiredService<ProxyFailureLog>()
                .Report(Describe(target), ProxyFailureLog.Describe(failure.Exception), proxy.ProxiedDestination?.Model.Config.Address);
        }

        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested) return;
        if (bodyTooLarge)
        {
            await RequestBodyLimit.WriteTooLargeAsync(context, context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodySize);
            return;
        }

        switch (target)
        {
            case ProxyRoutes.StorefrontTarget:
                await ServiceUnavailable.WriteAsync(context, "The shop is taking a short break", "The storefront is not answering right now. Please try again in a moment.");
                return;
            case ProxyRoutes.HubTarget:
                await ServiceUnavailable.WriteAsync(context, "The notifications hub is not available", "Live updates are not available right now. Please try again in a moment.");
                return;
        }

        var status = context.Response.StatusCode >= 500 ? context.Response.StatusCode : StatusCodes.Status502BadGateway;
        var (title, detail) = ($"The {target} service could not be reached", "The gateway could not reach the service through its Dapr sidecar.");
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            await ServiceUnavailable.WriteAsync(context, title, detail);
            return;
        }

        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>How a target is named in the log: a service is reached through the gateway's own sidecar.</summary>
    public static string Describe(string target) => target switch
    {
        ProxyRoutes.StorefrontTarget or ProxyRoutes.HubTarget => target,
        _ => $"{target} service (through the gateway's Dapr sidecar)",
    };

    /// <summary>Failures the client caused (it went away, or its body broke off): nothing is down.</summary>
    private static bool IsClientSide(ForwarderError error) => error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled
        or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient
        or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseCanceled
        or ForwarderError.UpgradeResponseClient;

    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }) return true;
        }

        return false;
    }
}
