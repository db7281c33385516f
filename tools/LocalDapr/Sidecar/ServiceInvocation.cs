using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Yarp.ReverseProxy.Forwarder;

namespace LocalDapr.Sidecar;

/// <summary>
/// Service invocation (https://docs.dapr.io/reference/api/service_invocation_api/): HTTP through
/// <c>/v1.0/invoke/{appId}/method/{path}</c> or any path with a <c>dapr-app-id</c> header, and gRPC proxying on the
/// gRPC port by <c>dapr-app-id</c> metadata. The call goes to the target app with the target's app API token; an app
/// with <c>appProtocol: grpc</c> gets HTTP invocations through <c>AppCallback.OnInvoke</c>.
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

        // A gRPC app serves invocations through AppCallback.OnInvoke; only gRPC proxying reaches it as raw gRPC.
        if (app.AppCallback is { } grpcApp && context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            await InvokeGrpcAppAsync(context, grpcApp, appId, path);
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

    /// <summary>
    /// The Dapr gRPC API's <c>InvokeService</c> (DaprClient.InvokeMethodGrpcAsync): a gRPC app gets the request through
    /// <c>AppCallback.OnInvoke</c>; an HTTP app gets it as an HTTP request with the extension's verb and query string.
    /// </summary>
    public async Task<InvokeResponse> InvokeServiceAsync(InvokeServiceRequest request, CancellationToken cancellationToken)
    {
        var target = runtime.ResolveApp(request.Id.Split('.')[0]);
        if (target?.App is not { } app)
            throw new RpcException(new Status(StatusCode.Unimplemented, $"failed to invoke, id: {request.Id}, err: app id {request.Id} not found"));
        if (app.AppCallback is { } grpcApp) return await grpcApp.OnInvokeAsync(request.Message, null, cancellationToken);

        var message = request.Message;
        var verb = message.HttpExtension?.Verb is { } v && v != HTTPExtension.Types.Verb.None ? v.ToString().ToUpperInvariant() : "POST";
        var query = string.IsNullOrEmpty(message.HttpExtension?.Querystring) ? "" : "?" + message.HttpExtension.Querystring;
        using var call = new HttpRequestMessage(new HttpMethod(verb), "/" + message.Method.TrimStart('/') + query);
        if (message.Data is { } data && !data.Value.IsEmpty)
        {
            call.Content = new ByteArrayContent(data.Value.ToByteArray());
            if (!string.IsNullOrEmpty(message.ContentType)) call.Content.Headers.TryAddWithoutValidation("Content-Type", message.ContentType);
        }

        using var answer = await app.Client.SendAsync(call, cancellationToken);
        var body = await answer.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!answer.IsSuccessStatusCode)
            throw new RpcException(new Status(StatusCode.Unknown, $"app '{request.Id}' answered {(int)answer.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}"));
        return new InvokeResponse { Data = new Any { Value = ByteString.CopyFrom(body) }, ContentType = answer.Content.Headers.ContentType?.ToString() ?? "" };
    }

    /// <summary>
    /// daprd turns an HTTP invocation of a gRPC app into <c>AppCallback.OnInvoke</c> (method, body as data, content type,
    /// verb and query string), and the answer's data back into the HTTP body.
    /// </summary>
    private static async Task InvokeGrpcAppAsync(HttpContext context, AppCallbackClient app, string appId, string path)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var request = new InvokeRequest
        {
            Method = path.TrimStart('/'),
            Data = new Any { Value = ByteString.CopyFrom(body.ToArray()) },
            ContentType = context.Request.ContentType ?? "",
            HttpExtension = new HTTPExtension
            {
                Verb = System.Enum.TryParse<HTTPExtension.Types.Verb>(context.Request.Method, ignoreCase: true, out var verb) ? verb : HTTPExtension.Types.Verb.Post,
                Querystring = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "",
            },
        };
        try
        {
            var response = await app.OnInvokeAsync(request, null, context.RequestAborted);
            if (!string.IsNullOrEmpty(response.ContentType)) context.Response.ContentType = response.ContentType;
            await context.Response.Body.WriteAsync(response.Data?.Value.Memory ?? ReadOnlyMemory<byte>.Empty, context.RequestAborted);
        }
        catch (RpcException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = e.StatusCode switch
            {
                StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
                StatusCode.NotFound or StatusCode.Unimplemented => StatusCodes.Status404NotFound,
                StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
                StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
                StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
                StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
                StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
                _ => StatusCodes.Status500InternalServerError,
            };
            await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"failed to invoke, id: {appId}, err: {e.Status.Detail}" });
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
