using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SpaceOfSport.Gateway;

/// <summary>
/// Answers that mean "not available right now" become the gateway's 503 (<see cref="ServiceUnavailable"/>, with
/// <c>Retry-After</c>): the sidecar's 500 with <c>ERR_DIRECT_INVOKE</c> when it cannot find the service (not running,
/// not registered, still starting), and the storefront's 500, which is its error page: a service behind the page did
/// not answer (a catalog still starting). Each is logged once per interval (<see cref="ProxyFailureLog"/>).
/// </summary>
internal sealed class UnavailableServiceTransform : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        var target = context.Route.Metadata?.GetValueOrDefault(ProxyRoutes.TargetMetadata);
        if (target == ProxyRoutes.StorefrontTarget) context.AddResponseTransform(AnswerForStorefrontAsync);
        else if (context.Route.ClusterId == ProxyRoutes.SidecarCluster && target is not null) context.AddResponseTransform(transform => AnswerUnavailableAsync(transform, target));
    }

    private static async ValueTask AnswerUnavailableAsync(ResponseTransformContext transform, string service)
    {
        if (transform.ProxyResponse is not { StatusCode: System.Net.HttpStatusCode.InternalServerError } response) return;
        if (response.Content.Headers.ContentType?.MediaType != "application/json") return;

        // Buffer first, so an app's own 500 body still reaches the client when it is not Dapr's.
        await response.Content.LoadIntoBufferAsync(transform.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(transform.CancellationToken);
        if (!body.Contains("\"ERR_DIRECT_INVOKE\"", StringComparison.Ordinal)) return;

        await ReplaceAsync(transform, Apis.ProxyApi.Describe(service), "not running or not registered with Dapr: ERR_DIRECT_INVOKE",
            $"The {service} service is not available", "It is not running right now. Please try again in a moment.");
    }

    private static async ValueTask AnswerForStorefrontAsync(ResponseTransformContext transform)
    {
        if (transform.ProxyResponse is not { StatusCode: System.Net.HttpStatusCode.InternalServerError }) return;
        await ReplaceAsync(transform, ProxyRoutes.StorefrontTarget, "answered 500: a service behind the page did not answer",
            "The shop is taking a short break", "Part of the shop is not answering right now. Please try again in a moment.");
    }

    private static async ValueTask ReplaceAsync(ResponseTransformContext transform, string target, string cause, string title, string detail)
    {
        transform.SuppressResponseBody = true;
        var http = transform.HttpContext;
        http.RequestServices.GetRequiredService<ProxyFailureLog>().Report(target, cause, http.GetReverseProxyFeature().ProxiedDestination?.Model.Config.Address);
        // The upstream's body is dropped, and with it what described it.
        http.Response.Headers.Remove(HeaderNames.ContentLength);
        http.Response.Headers.Remove(HeaderNames.ContentEncoding);
        http.Response.Headers.Remove(HeaderNames.ContentType);
        await ServiceUnavailable.WriteAsync(http, title, detail);
    }
}
