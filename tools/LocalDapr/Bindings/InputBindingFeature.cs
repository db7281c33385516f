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
/// </summary>
public sealed class InputBindingFeature : ISidecarFeature
{
    public async Task<IAsyncDisposable?> StartAsync(Sidecar.LocalSidecar sidecar, CancellationToken cancellationToken)
    {
        if (sidecar.App is not { } app) return null;
        var readers = new Readers(sidecar);
        foreach (var (manifest, binding) in sidecar.Components.All<IInputBinding>(sidecar.AppId))
        {
            var direction = Literal(manifest, "direction");
            if (direction is not null && !Directions(direction).Contains("input")) continue;
            var route = "/" + (Literal(manifest, "route") ?? manifest.Name).TrimStart('/');
            if (direction is null && !await IsHandledAsync(sidecar, app, manifest.Name, route, cancellationToken))
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

    /// <summary>POSTs one event; attempts follow the binding's inbound Resiliency policy (timeout, retries), if any.</summary>
    private static async Task<bool> DeliverAsync(LocalSidecar sidecar, AppChannel app, string binding, string route, InputBindingEvent e, CancellationToken cancellationToken)
    {
        await sidecar.WaitUntilAppHealthyAsync(cancellationToken);
        try
        {
            using var response = await sidecar.Resiliency.ForComponentInbound(binding).ExecuteAsync(
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
