using Yarp.ReverseProxy.Forwarder;

namespace LocalDapr.Sidecar;

/// <summary>
/// Service invocation (https://docs.dapr.io/reference/api/service_invocation_api/): HTTP through
/// <c>/v1.0/invoke/{appId}/method/{path}</c> or any path with a <c>dapr-app-id</c> header, and gRPC proxying on the
/// gRPC port by <c>dapr-app-id</c> metadata. The call goes to the target app with the target's app API token.
/// </summary>
public sealed class ServiceInvocation(LocalDaprRuntime runtime, IHttpForwarder forwarder)
{
    public const string AppIdHeader = "dapr-app-id";

    public Task InvokeAsync(HttpContext context, string appId, string method) =>
        ForwardAsync(context, appId, "/" + method.TrimStart('/'));

    /// <summary>For requests that name their target in the <c>dapr-app-id</c> header and keep their own path.</summary>
    public Task ForwardByHeaderAsync(HttpContext context) =>
        ForwardAsync(context, context.Request.Headers[AppIdHeader].ToString(), context.Request.Path.Value ?? "/");

    private async Task ForwardAsync(HttpContext context, string appId, string path)
    {
        // "app.namespace" addresses an app in a namespace; one machine has one namespace.
        var target = runtime.ResolveApp(appId.Split('.')[0]);
        if (target?.App is not { } app)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"failed to invoke, id: {appId}, err: app id {appId} not found" });
            return;
        }

        var config = new ForwarderRequestConfig { Version = app.Version, VersionPolicy = HttpVersionPolicy.RequestVersionExact, ActivityTimeout = TimeSpan.FromMinutes(5) };
        var error = await forwarder.SendAsync(context, app.BaseAddress.ToString(), app.Invoker, config, new Transformer(path, app.AppApiToken));
        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"failed to invoke, id: {appId}, err: {error}" });
        }
    }

    private sealed class Transformer(string path, string? appApiToken) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, new PathString(path), httpContext.Request.QueryString);
            proxyRequest.Headers.Remove("dapr-api-token");
            proxyRequest.Headers.Remove(AppIdHeader);
            if (appApiToken is not null) proxyRequest.Headers.TryAddWithoutValidation("dapr-api-token", appApiToken);
            proxyRequest.Headers.Host = null;
        }
    }
}
