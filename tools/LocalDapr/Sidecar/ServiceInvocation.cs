using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LocalDapr.Resiliency;
using Yarp.ReverseProxy.Forwarder;

namespace LocalDapr.Sidecar;

/// <summary>
/// Service invocation (https://docs.dapr.io/reference/api/service_invocation_api/): HTTP through
/// <c>/v1.0/invoke/{appId}/method/{path}</c> or any path with a <c>dapr-app-id</c> header, and gRPC proxying on the
/// gRPC port by <c>dapr-app-id</c> metadata. The call goes to the target app with the target's app API token; an app
/// with <c>appProtocol: grpc</c> gets HTTP invocations through <c>AppCallback.OnInvoke</c>.
/// HTTP calls run under the caller's Resiliency policies for the target app (timeout per attempt, retries, circuit
/// breaker; any non-2xx answer or transport error is a failure, and the last answer reaches the caller as the app gave
/// it); gRPC proxying gets none, as daprd's known limitations say.
/// </summary>
public sealed class ServiceInvocation(LocalDaprRuntime runtime, LocalSidecar caller, IHttpForwarder forwarder)
{
    public const string AppIdHeader = "dapr-app-id";

    /// <summary>The calling app's id, set by the caller's sidecar on every invocation (daprd's <c>SourceIDHeader</c>).</summary>
    public const string CallerAppIdHeader = "dapr-caller-app-id";

    /// <summary>The called app's id (daprd's <c>DestinationIDHeader</c>).</summary>
    public const string CalleeAppIdHeader = "dapr-callee-app-id";

    /// <summary>
    /// The address the caller's sidecar appends to <c>X-Forwarded-For</c> and <c>Forwarded</c>: daprd appends its
    /// host's address (pkg/messaging/direct_messaging.go, addForwardedHeadersToMetadata); every sidecar of this runtime is
    /// on loopback.
    /// </summary>
    public const string HostAddress = "127.0.0.1";

    /// <summary>The host name daprd puts in <c>X-Forwarded-Host</c> and <c>Forwarded</c> (read once: each read is a system call).</summary>
    private static readonly string HostName = Environment.MachineName;

    private static readonly string ForwardedValue = $"for={HostAddress};by={HostAddress};host={HostName}";

    /// <summary>Hop-by-hop headers and the ones the sidecar sets itself: never copied between the two connections.</summary>
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Host", "Content-Length",
        "dapr-api-token", AppIdHeader, CallerAppIdHeader, CalleeAppIdHeader,
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

        // A gRPC app serves invocations through AppCallback.OnInvoke; only gRPC proxying reaches it as raw gRPC.
        if (app.AppCallback is { } grpcApp && context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            await InvokeGrpcAppAsync(context, grpcApp, appId, caller.Resiliency.ForApp(targetId), path);
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
        var firstTarget = app;
        HttpResponseMessage response;
        try
        {
            response = await caller.Resiliency.ForApp(targetId).ExecuteAsync(async attemptCancellation =>
            {
                // The first attempt goes where the app was just resolved; a retry resolves again (another replica may answer).
                var target = Interlocked.Exchange(ref firstTarget, null) ?? runtime.ResolveApp(targetId)?.App ?? throw new HttpRequestException($"app id {appId} not found");
                using var request = Request(context, target, targetId, path, hasBody ? body : null);
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

        AddInvocationHeaders(call.Headers, target.AppId);
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
    private static async Task InvokeGrpcAppAsync(HttpContext context, AppCallbackClient app, string appId, ResiliencyPolicy policy, string path)
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
            var response = await policy.ExecuteAsync(attemptCancellation => app.OnInvokeAsync(request, null, attemptCancellation), _ => false, context.RequestAborted);
            if (!string.IsNullOrEmpty(response.ContentType)) context.Response.ContentType = response.ContentType;
            await context.Response.Body.WriteAsync(response.Data?.Value.Memory ?? ReadOnlyMemory<byte>.Empty, context.RequestAborted);
        }
        catch (Exception e) when (e is CircuitOpenException or AttemptTimeoutException)
        {
            await FailAsync(context, appId, e.Message);
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

    /// <param name="body">The request body as read (its buffer is shared by every attempt, never copied).</param>
    private HttpRequestMessage Request(HttpContext context, AppChannel app, string targetId, string path, MemoryStream? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Parse(context.Request.Method), new Uri(app.BaseAddress, path + context.Request.QueryString))
        {
            Version = app.Version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = body is null ? null : new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length),
        };
        foreach (var (name, values) in context.Request.Headers)
        {
            if (NotForwarded.Contains(name)) continue;
            // One value (nearly every header) is added as a string: no boxing of the values, no enumerator.
            var added = values.Count == 1 ? request.Headers.TryAddWithoutValidation(name, values.ToString()) : request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            if (!added)
            {
                if (values.Count == 1) request.Content?.Headers.TryAddWithoutValidation(name, values.ToString());
                else request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (app.AppApiToken is { } token) request.Headers.TryAddWithoutValidation("dapr-api-token", token);
        AddInvocationHeaders(request.Headers, targetId);
        return request;
    }

    private static async Task CopyResponseAsync(HttpContext context, HttpResponseMessage response)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        // As the app sent them: the non-validated views neither parse nor re-format a header.
        CopyHeaders(response.Headers.NonValidated, context.Response.Headers);
        CopyHeaders(response.Content.Headers.NonValidated, context.Response.Headers);

        await using var content = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        await content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static void CopyHeaders(System.Net.Http.Headers.HttpHeadersNonValidated from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from)
        {
            if (NotForwarded.Contains(name)) continue;
            to[name] = values.Count == 1 ? values.ToString() : values.ToArray();
        }
    }

    private async Task ProxyGrpcAsync(HttpContext context, AppChannel app, string appId, string path)
    {
        var config = new ForwarderRequestConfig { Version = app.Version, VersionPolicy = HttpVersionPolicy.RequestVersionExact, ActivityTimeout = TimeSpan.FromMinutes(5) };
        var error = await forwarder.SendAsync(context, app.BaseAddress.ToString(), app.Invoker, config, new GrpcTransformer(path, app.AppApiToken, caller.AppId, appId.Split('.')[0]));
        if (error != ForwarderError.None && !context.Response.HasStarted) await FailAsync(context, appId, error.ToString());
    }

    private static async Task FailAsync(HttpContext context, string appId, string problem)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"failed to invoke, id: {appId}, err: {problem}" });
    }

    /// <summary>
    /// What daprd's direct messaging adds to every HTTP invocation: who calls and who is called (overwriting whatever
    /// the caller sent), and its host's address appended to the forwarded headers (after the values the caller sent).
    /// </summary>
    private void AddInvocationHeaders(System.Net.Http.Headers.HttpRequestHeaders headers, string targetId)
    {
        headers.TryAddWithoutValidation(CallerAppIdHeader, caller.AppId);
        headers.TryAddWithoutValidation(CalleeAppIdHeader, targetId);
        headers.TryAddWithoutValidation("X-Forwarded-For", HostAddress);
        headers.TryAddWithoutValidation("X-Forwarded-Host", HostName);
        headers.TryAddWithoutValidation("Forwarded", ForwardedValue);
    }

    /// <summary>gRPC proxying names caller and callee as daprd's proxy does; it adds no forwarded headers.</summary>
    private sealed class GrpcTransformer(string path, string? appApiToken, string callerId, string calleeId) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, new PathString(path), httpContext.Request.QueryString);
            proxyRequest.Headers.Remove("dapr-api-token");
            proxyRequest.Headers.Remove(AppIdHeader);
            proxyRequest.Headers.Remove(CallerAppIdHeader);
            proxyRequest.Headers.Remove(CalleeAppIdHeader);
            proxyRequest.Headers.TryAddWithoutValidation(CallerAppIdHeader, callerId);
            proxyRequest.Headers.TryAddWithoutValidation(CalleeAppIdHeader, calleeId);
            if (appApiToken is not null) proxyRequest.Headers.TryAddWithoutValidation("dapr-api-token", appApiToken);
            proxyRequest.Headers.Host = null;
        }
    }
}
