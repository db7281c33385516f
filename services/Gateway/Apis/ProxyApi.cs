using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

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
        app.Map("/api/{**path}", (string? path) => UnknownService(path));
        app.Map("/graphql/{**path}", (string? path) => UnknownService(path));
        if (ProxyRoutes.HubAddress(app.Configuration) is null)
        {
            app.Map(ProxyRoutes.HubPath, () => TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The notifications hub is not configured",
                detail: "Set Services:notifications to the notifications app's address."));
        }

        return app;
    }

    private static IResult UnknownService(string? path)
    {
        var service = path?.Split('/', 2)[0];
        return TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown service",
            detail: string.IsNullOrEmpty(service) ? "The path names no service." : $"There is no service '{service}' behind this gateway.");
    }

    private static async Task AnswerProxyFailuresAsync(HttpContext context, Func<Task> next)
    {
        // An app's own answer (an empty 404 included) passes through as it is.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages) statusCodePages.Enabled = false;
        await next();

        if (context.GetForwarderErrorFeature() is not { } failure || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
            return;

        if (IsBodyTooLarge(failure.Exception))
        {
            await RequestBodyLimit.WriteTooLargeAsync(context, context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodySize);
            return;
        }

        var target = context.GetReverseProxyFeature().Route.Config.Metadata?.GetValueOrDefault(ProxyRoutes.TargetMetadata) ?? "upstream";
        var (status, title, detail) = target switch
        {
            ProxyRoutes.StorefrontTarget => (StatusCodes.Status503ServiceUnavailable, "The shop is taking a short break",
                "The storefront is not answering right now. Please try again in a moment."),
            ProxyRoutes.HubTarget => (StatusCodes.Status503ServiceUnavailable, "The notifications hub is not available",
                "Live updates are not available right now. Please try again in a moment."),
            _ => (context.Response.StatusCode >= 500 ? context.Response.StatusCode : StatusCodes.Status502BadGateway,
                $"The {target} service could not be reached", "The gateway could not reach the service through its Dapr sidecar."),
        };
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }) return true;
        }

        return false;
    }
}
