using LocalDapr.Resiliency;
using Yarp.ReverseProxy.Forwarder;

namespace LocalDapr.Sidecar;

/// <summary>
/// Service invocation (https://docs.dapr.io/reference/api/service_invocation_api/): HTTP through
/// <c>/v1.0/invoke/{appId}/method/{path}</c> or any path with a <c>dapr-app-id</c> header, and gRPC proxying on the
/// gRPC port by <c>dapr-app-id</c> metadata. The call goes to the target app with the target's app API token.
/// HTTP calls run under the caller's Resiliency policies for the target app (timeout per attempt, retries, circuit
/// breaker; any non-2xx answer or transport error is a failure, and the last answer reaches the caller as the app gave
/// it); gRPC proxying gets none, as daprd's known limitations say.
/// </summary>
public sealed class ServiceInvocation(LocalDaprRuntime runtime, LocalSidecar caller, IHttpForwarder forwarder)
{
    public const string AppIdHeader = "dapr-app-id";

    /// <summary>Hop-by-hop headers and the ones the sidecar sets itself: never copied between the two connections.</summary>
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Host", "Content-Length",
        "dapr-api-token", AppIdHeader,
    };

    public Task InvokeAsync(HttpContext context, string appId, string method) =>
        ForwardAsync(context, appId, "/" + method.TrimStart('/'));

    /// <summary>For requests that name their target in the <c>dapr-app-id</c> header and keep their own path.</summary>
    public Task ForwardByHeaderAsync(HttpContext context) =>
        ForwardAsync(context, context.Request.Headers[AppIdHeader].ToString(), context.Request.Path.Value ?? "/");

    private async Task ForwardAsync(HttpContext context, string appId, string path)
    {
        // "app.namespace" addresses an app in a namespace; one machine has one namespace.
        var targetId = appId.Split('.')[0];
        if (runtime.ResolveApp(targetId)?.App is not { } app)
        {
            await FailAsync(context, appId, $"app id {appId} not found");
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            await ProxyGrpcAsync(context, app, appId, path);
            return;
        }

        // The whole body is read before the app is called: a retry needs it again, and an app that answers without
        // reading it (a form sent where JSON is expected) must not leave half a body on the caller's keep-alive connection.
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var hasBody = body.Length > 0 || context.Request.ContentLength is not null || context.Request.Headers.TransferEncoding.Count > 0;
        HttpResponseMessage response;
        try
        {
            response = await caller.Resiliency.ForApp(targetId).ExecuteAsync(async attemptCancellation =>
            {
                var target = runtime.ResolveApp(targetId)?.App ?? throw new HttpRequestException($"app id {appId} not found");
                using var request = Request(context, target, path, hasBody ? body.ToArray() : null);
                return await target.Invoker.SendAsync(request, attemptCancellation);
            }, answer => !answer.IsSuccessStatusCode, context.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or CircuitOpenException or AttemptTimeoutException)
        {
            await FailAsync(context, appId, e.Message);
            return;
        }

        using (response) await CopyResponseAsync(context, response);
    }

    private static HttpRequestMessage Request(HttpContext context, AppChannel app, string path, byte[]? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(app.BaseAddress, path + context.Request.QueryString))
        {
            Version = app.Version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = body is null ? null : new ByteArrayContent(body),
        };
        foreach (var (name, values) in context.Request.Headers)
        {
            if (NotForwarded.Contains(name)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        if (app.AppApiToken is { } token) request.Headers.TryAddWithoutValidation("dapr-api-token", token);
        return request;
    }

    private static async Task CopyResponseAsync(HttpContext context, HttpResponseMessage response)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotForwarded.Contains(name)) context.Response.Headers[name] = values.ToArray();
        }

        await using var content = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        await content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private async Task ProxyGrpcAsync(HttpContext context, AppChannel app, string appId, string path)
    {
        var config = new ForwarderRequestConfig { Version = app.Version, VersionPolicy = HttpVersionPolicy.RequestVersionExact, ActivityTimeout = TimeSpan.FromMinutes(5) };
        var error = await forwarder.SendAsync(context, app.BaseAddress.ToString(), app.Invoker, config, new GrpcTransformer(path, app.AppApiToken));
        if (error != ForwarderError.None && !context.Response.HasStarted) await FailAsync(context, appId, error.ToString());
    }

    private static async Task FailAsync(HttpContext context, string appId, string problem)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"failed to invoke, id: {appId}, err: {problem}" });
    }

    private sealed class GrpcTransformer(string path, string? appApiToken) : HttpTransformer
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
