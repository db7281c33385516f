using System.Net;
using System.Net.Http.Headers;
using LocalDapr.Components;
using LocalDapr.Sidecar;

namespace LocalDapr.Bindings;

/// <summary>
/// Delivers input binding events to the app (https://docs.dapr.io/reference/api/bindings_api/): for each input binding
/// the app may see, <c>OPTIONS /{route}</c> asks whether the app handles it (404 = no; 2xx or 405 = yes; metadata
/// <c>direction</c> naming "input" skips the question), then each event is <c>POST /{route}</c> with the data as body
/// and the metadata as headers. The route is the binding's name unless metadata <c>route</c> says otherwise.
/// A non-2xx answer is a failed delivery: it is logged, and the binding decides whether to retry.
/// An app with <c>appProtocol: grpc</c> is asked through <c>AppCallback.ListInputBindings</c> and gets
/// <c>AppCallback.OnBindingEvent</c> instead, as daprd does.
/// </summary>
public sealed class InputBindingFeature : ISidecarFeature
{
    public async Task<IAsyncDisposable?> StartAsync(Sidecar.LocalSidecar sidecar, CancellationToken cancellationToken)
    {
        if (sidecar.App is not { } app) return null;
        var grpcBindings = app.AppCallback is { } grpcApp ? await ListInputBindingsAsync(sidecar, grpcApp, cancellationToken) : null;
        var readers = new Readers(sidecar);
        foreach (var (manifest, binding) in sidecar.Components.All<IInputBinding>(sidecar.AppId))
        {
            var direction = Literal(manifest, "direction");
            if (direction is not null && !Directions(direction).Contains("input")) continue;
            var route = "/" + (Literal(manifest, "route") ?? manifest.Name).TrimStart('/');
            var handled = grpcBindings?.Contains(manifest.Name) ?? (direction is not null || await IsHandledAsync(sidecar, app, manifest.Name, route, cancellationToken));
            if (!handled)
            {
                sidecar.Logger.LogInformation("app '{AppId}' has not subscribed to binding {Binding}", sidecar.AppId, manifest.Name);
                continue;
            }

            readers.Start(manifest.Name, token => binding.RunAsync((e, t) => DeliverAsync(sidecar, app, manifest.Name, route, e, t), token));
        }

        return readers;
    }

    private static string? Literal(ComponentManifest manifest, string key) =>
        manifest.Metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value.Literal) ? value.Literal.Trim() : null;

    private static IEnumerable<string> Directions(string direction) =>
        direction.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(d => d.ToLowerInvariant());

    private static async Task<bool> IsHandledAsync(Sidecar.LocalSidecar sidecar, AppChannel app, string binding, string route, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, route) { Version = app.Version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        try
        {
            using var response = await app.Client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.MethodNotAllowed;
        }
        catch (HttpRequestException e)
        {
            sidecar.Logger.LogError(e, "could not invoke OPTIONS on input binding route {Route} of binding {Binding}", route, binding);
            return false;
        }
    }

    /// <summary>
    /// A gRPC app names the bindings it handles through <c>AppCallback.ListInputBindings</c>, as daprd asks it;
    /// Unimplemented means none.
    /// </summary>
    private static async Task<HashSet<string>> ListInputBindingsAsync(Sidecar.LocalSidecar sidecar, AppCallbackClient app, CancellationToken cancellationToken)
    {
        try
        {
            return [.. (await app.ListInputBindingsAsync(cancellationToken)).Bindings];
        }
        catch (Grpc.Core.RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            if (sidecar.ComponentManifests.Any(m => m.Type.StartsWith("bindings.", StringComparison.Ordinal)))
            {
                sidecar.Logger.LogWarning("app '{AppId}' (appProtocol grpc): AppCallback.ListInputBindings answered {Status}; it gets no input binding events",
                    sidecar.AppId, e.StatusCode);
            }

            return [];
        }
    }

    /// <summary>A gRPC app gets each event through <c>AppCallback.OnBindingEvent</c>; any error is a failed delivery.</summary>
    private static async Task<bool> CallOnBindingEventAsync(Sidecar.LocalSidecar sidecar, AppCallbackClient app, string binding, InputBindingEvent e, CancellationToken cancellationToken)
    {
        var request = new Dapr.AppCallback.Autogen.Grpc.v1.BindingEventRequest { Name = binding, Data = Google.Protobuf.ByteString.CopyFrom(e.Data) };
        foreach (var (key, value) in e.Metadata) request.Metadata[key] = value;
        try
        {
            await app.OnBindingEventAsync(request, cancellationToken);
            return true;
        }
        catch (Grpc.Core.RpcException error) when (!cancellationToken.IsCancellationRequested)
        {
            sidecar.Logger.LogWarning("app '{AppId}': OnBindingEvent for binding {Binding} failed ({Status}: {Error})", sidecar.AppId, binding, error.StatusCode, error.Status.Detail);
            return false;
        }
    }

    /// <summary>POSTs one event; attempts follow the binding's inbound Resiliency policy (timeout, retries), if any.</summary>
    private static async Task<bool> DeliverAsync(LocalSidecar sidecar, AppChannel app, string binding, string route, InputBindingEvent e, CancellationToken cancellationToken)
    {
        await sidecar.WaitUntilAppHealthyAsync(cancellationToken);
        var policy = sidecar.Resiliency.ForComponentInbound(binding);
        try
        {
            if (app.AppCallback is { } grpcApp)
                return await policy.ExecuteAsync(attemptCancellation => CallOnBindingEventAsync(sidecar, grpcApp, binding, e, attemptCancellation), handled => !handled, cancellationToken);
            using var response = await policy.ExecuteAsync(
                attemptCancellation => app.Client.SendAsync(EventRequest(app, route, e), attemptCancellation),
                answer => !answer.IsSuccessStatusCode, cancellationToken);
            if (response.IsSuccessStatusCode) return true;
            sidecar.Logger.LogWarning("app '{AppId}' answered {Status} to an event of binding {Binding}", sidecar.AppId, (int)response.StatusCode, binding);
            return false;
        }
        catch (Exception error) when (error is HttpRequestException or Resiliency.AttemptTimeoutException)
        {
            sidecar.Logger.LogWarning(error, "sending an event of binding {Binding} to app '{AppId}' failed", binding, sidecar.AppId);
            return false;
        }
    }

    private static HttpRequestMessage EventRequest(AppChannel app, string route, InputBindingEvent e)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route)
        {
            Version = app.Version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(e.Data),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (key, value) in e.Metadata)
        {
            if (!request.Headers.TryAddWithoutValidation(key, value)) request.Content.Headers.TryAddWithoutValidation(key, value);
        }

        return request;
    }

    /// <summary>The running input bindings of one sidecar; disposing stops them.</summary>
    private sealed class Readers(Sidecar.LocalSidecar sidecar) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(sidecar.Stopping);
        private readonly List<Task> _running = [];

        public void Start(string binding, Func<CancellationToken, Task> read) =>
            _running.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        await read(_stop.Token);
                    }
                    catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                    {
                        // Stopping.
                    }
                    catch (Exception e)
                    {
                        sidecar.Logger.LogError(e, "input binding {Binding} stopped with an error", binding);
                    }
                },
                CancellationToken.None));

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_running);
            _stop.Dispose();
        }
    }
}
