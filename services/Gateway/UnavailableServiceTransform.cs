using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SpaceOfSport.Gateway;

/// <summary>
/// When the sidecar cannot find the service (Dapr answers 500 with <c>ERR_DIRECT_INVOKE</c>: not running, not
/// registered), the client gets a 503 problem naming the service instead of Dapr's internal error.
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
        if (context.Route.ClusterId != ProxyRoutes.SidecarCluster || target is null) return;
        context.AddResponseTransform(transform => AnswerUnavailableAsync(transform, target));
    }

    private static async ValueTask AnswerUnavailableAsync(ResponseTransformContext transform, string service)
    {
        if (transform.ProxyResponse is not { StatusCode: System.Net.HttpStatusCode.InternalServerError } response) return;
        if (response.Content.Headers.ContentType?.MediaType != "application/json") return;

        // Buffer first, so an app's own 500 body still reaches the client when it is not Dapr's.
        await response.Content.LoadIntoBufferAsync(transform.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(transform.CancellationToken);
        if (!body.Contains("\"ERR_DIRECT_INVOKE\"", StringComparison.Ordinal)) return;

        transform.SuppressResponseBody = true;
        var http = transform.HttpContext;
        http.RequestServices.GetRequiredService<ProxyFailureLog>().Report(
            Apis.ProxyApi.Describe(service), "not running or not registered with Dapr: ERR_DIRECT_INVOKE", http.GetReverseProxyFeature().ProxiedDestination?.Model.Config.Address);
        http.Response.Headers.Remove(HeaderNames.ContentLength);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = $"The {service} service is not available",
                Detail = "It is not running right now. Please try again in a moment.",
            },
        });
    }
}
