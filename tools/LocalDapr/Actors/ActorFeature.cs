using System.Text.Json;
using System.Text.Json.Nodes;
using LocalDapr.Sidecar;
using LocalDapr.State;

namespace LocalDapr.Actors;

/// <summary>
/// Actors (https://docs.dapr.io/reference/api/actors_api/): once the app answers, reads its <c>/dapr/config</c> and
/// registers its actor types with the runtime's <see cref="ActorRuntime"/>; maps the sidecar's actor HTTP API
/// (method invocation, state, reminders, timers).
/// </summary>
public sealed class ActorFeature : ISidecarFeature
{
    private static readonly string[] SkippedRequestHeaders =
        ["Host", "Content-Length", "Connection", "Transfer-Encoding", "Expect", "dapr-api-token", ActorTurnLock.ReentrancyHeader];

    private static readonly string[] SkippedResponseHeaders = ["Content-Length", "Connection", "Transfer-Encoding"];

    public void MapEndpoints(IEndpointRouteBuilder endpoints, Sidecar.LocalSidecar sidecar)
    {
        var actors = sidecar.Runtime.Actors;
        var routes = endpoints.MapGroup("/v1.0/actors/{actorType}/{actorId}");

        routes.MapMethods("/method/{method}", ["PUT", "POST", "GET", "DELETE"], (HttpContext context, string actorType, string actorId, string method) =>
            InvokeAsync(context, sidecar, actors, actorType, actorId, method));

        routes.MapGet("/state/{key}", (string actorType, string actorId, string key, CancellationToken cancellationToken) => DaprHttpApi.Guard(async () =>
        {
            var store = HostedStore(sidecar, actors, actorType);
            var entry = await store.Store.GetAsync(ActorStateStore.StateKey(sidecar.AppId, actorType, actorId, key), cancellationToken);
            return entry is null ? Results.NoContent() : Results.Bytes(entry.Value, "application/json");
        }));

        routes.MapMethods("/state", ["PUT", "POST"], (HttpContext context, string actorType, string actorId) => DaprHttpApi.Guard(async () =>
        {
            var store = HostedStore(sidecar, actors, actorType);
            var operations = await ReadTransactionAsync(context, sidecar.AppId, actorType, actorId);
            await store.Store.TransactAsync(operations, context.RequestAborted);
            return Results.NoContent();
        }));

        routes.MapMethods("/reminders/{name}", ["PUT", "POST"], (HttpContext context, string actorType, string actorId, string name) => DaprHttpApi.Guard(async () =>
        {
            var request = await ReadObjectAsync(context, "ERR_ACTOR_REMINDER_CREATE");
            await actors.Reminders.RegisterAsync(ActorStateStore.Require(sidecar), actorType, actorId, name, request, context.RequestAborted);
            return Results.NoContent();
        }));

        routes.MapGet("/reminders/{name}", (string actorType, string actorId, string name, CancellationToken cancellationToken) => DaprHttpApi.Guard(async () =>
        {
            var reminder = await actors.Reminders.GetAsync(ActorStateStore.Require(sidecar), actorType, actorId, name, cancellationToken);
            return Results.Text(reminder?.Describe().ToJsonString() ?? "null", "application/json");
        }));

        routes.MapDelete("/reminders/{name}", (string actorType, string actorId, string name, CancellationToken cancellationToken) => DaprHttpApi.Guard(async () =>
        {
            await actors.Reminders.UnregisterAsync(ActorStateStore.Require(sidecar), actorType, actorId, name, cancellationToken);
            return Results.NoContent();
        }));

        routes.MapMethods("/timers/{name}", ["PUT", "POST"], (HttpContext context, string actorType, string actorId, string name) => DaprHttpApi.Guard(async () =>
        {
            ActorStateStore.Require(sidecar);
            var request = await ReadObjectAsync(context, "ERR_ACTOR_TIMER_CREATE");
            var schedule = ActorSchedule.Parse(Text(request, "dueTime"), Text(request, "period"), Text(request, "ttl"),
                sidecar.Services.Clock.GetUtcNow(), "ERR_ACTOR_TIMER_CREATE");
            actors.Timers.Register(actorType, actorId, name, schedule, request);
            return Results.NoContent();
        }));

        routes.MapDelete("/timers/{name}", (string actorType, string actorId, string name) => DaprHttpApi.Guard(() =>
        {
            ActorStateStore.Require(sidecar);
            actors.Timers.Unregister(actorType, actorId, name);
            return Task.FromResult(Results.NoContent());
        }));
    }

    public async Task<IAsyncDisposable?> StartAsync(Sidecar.LocalSidecar sidecar, CancellationToken cancellationToken)
    {
        if (sidecar.App is null) return null;
        ActorAppConfig config;
        using (var response = await sidecar.App.Client.GetAsync("/dapr/config", cancellationToken))
        {
            if (!response.IsSuccessStatusCode) return null;
            try
            {
                config = ActorAppConfig.Parse(JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                sidecar.Logger.LogWarning("app '{AppId}': /dapr/config is not a Dapr actor configuration, actors are off: {Error}", sidecar.AppId, e.Message);
                return null;
            }
        }

        if (config.Entities.Count == 0) return null;
        ActorStateStore? store;
        try
        {
            store = ActorStateStore.Find(sidecar);
        }
        catch (DaprApiException e)
        {
            sidecar.Logger.LogError("{Error}", e.Message);
            return null;
        }

        if (store is null)
        {
            sidecar.Logger.LogError("{Error}; actor types {ActorTypes} are not registered", ActorStateStore.MissingMessage(sidecar.AppId), string.Join(", ", config.Entities));
            return null;
        }

        var actors = sidecar.Runtime.Actors;
        var host = new ActorHost(sidecar, config, store);
        actors.Register(host);
        await actors.Reminders.LoadAsync(store, config.Entities, cancellationToken);
        return new Registration(actors, host);
    }

    private static async Task InvokeAsync(HttpContext context, Sidecar.LocalSidecar sidecar, ActorRuntime actors, string actorType, string actorId, string method)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var reentrancyId = context.Request.Headers[ActorTurnLock.ReentrancyHeader].FirstOrDefault();
        ActorResponse answer;
        try
        {
            ActorStateStore.Require(sidecar);
            var path = ActorHost.ActorPath(actorType, actorId, "method/" + Uri.EscapeDataString(method));
            // Each attempt takes the actor's turn afresh; an answer from the app (even an error) is not retried, as in daprd 1.15.
            answer = await sidecar.Resiliency.ForActor(actorType).ExecuteAsync(attemptCancellation => actors.RunTurnAsync(actorType, actorId, reentrancyId, resetsIdle: true, async (actor, chain) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, path)
                {
                    Content = new ByteArrayContent(body.ToArray()),
                };
                foreach (var (name, values) in context.Request.Headers)
                {
                    if (SkippedRequestHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                    if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values)) request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }

                if (chain is not null) request.Headers.TryAddWithoutValidation(ActorTurnLock.ReentrancyHeader, chain);
                using var response = await actor.Host.SendAsync(request, attemptCancellation);
                var content = await response.Content.ReadAsByteArrayAsync(attemptCancellation);
                return new ActorResponse((int)response.StatusCode, [.. response.Headers, .. response.Content.Headers], content);
            }, attemptCancellation), _ => false, context.RequestAborted);
            ThrowUnlessOk((System.Net.HttpStatusCode)answer.Status, new Uri(path, UriKind.Relative), answer.Body);
        }
        catch (Exception e) when (e is DaprApiException or HttpRequestException or Resiliency.AttemptTimeoutException)
        {
            var error = e as DaprApiException ?? DaprApiException.Internal("ERR_ACTOR_INVOKE_METHOD", $"error invoke actor method: {e.Message}", e);
            await (await DaprHttpApi.Guard(() => throw error)).ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, values) in answer.Headers)
        {
            if (!SkippedResponseHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)) context.Response.Headers[name] = values.ToArray();
        }

        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>
    /// daprd takes only a 200 from the app as an answer (dapr/dapr pkg/actors/targets/app/transport/http): anything else
    /// becomes ERR_ACTOR_INVOKE_METHOD, a 500 with Dapr's error body, which the SDK turns into a DaprApiException with
    /// that code. A remoting failure is a 200 carrying X-DaprErrorResponseHeader, and passes through as it is.
    /// </summary>
    private static void ThrowUnlessOk(System.Net.HttpStatusCode status, Uri path, byte[] body)
    {
        if (status == System.Net.HttpStatusCode.OK) return;
        var reason = status == System.Net.HttpStatusCode.NotFound
            ? $"actor method not found: {path.OriginalString.TrimStart('/')}"
            : $"error from actor service: ({(int)status}) {System.Text.Encoding.UTF8.GetString(body)}";
        throw DaprApiException.Internal("ERR_ACTOR_INVOKE_METHOD", $"error invoke actor method: {reason}");
    }

    /// <summary>Actor state is read and written by the app that hosts the actor; daprd refuses it from anywhere else.</summary>
    private static ActorStateStore HostedStore(Sidecar.LocalSidecar sidecar, ActorRuntime actors, string actorType)
    {
        var store = ActorStateStore.Require(sidecar);
        return actors.IsHostedBy(sidecar, actorType)
            ? store
            : throw DaprApiException.BadRequest("ERR_ACTOR_INSTANCE_MISSING", $"actor instance is missing: app '{sidecar.AppId}' does not host actor type '{actorType}'");
    }

    private static async Task<List<StateOperation>> ReadTransactionAsync(HttpContext context, string appId, string actorType, string actorId)
    {
        const string errorCode = "ERR_ACTOR_STATE_TRANSACTION_SAVE";
        JsonArray? operations;
        try
        {
            operations = await JsonSerializer.DeserializeAsync<JsonArray>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw DaprApiException.BadRequest("ERR_MALFORMED_REQUEST", $"failed deserializing actor state transaction: {e.Message}");
        }

        var result = new List<StateOperation>();
        foreach (var item in operations ?? [])
        {
            var request = item?["request"] as JsonObject ?? throw DaprApiException.BadRequest(errorCode, "an operation has no request");
            var key = Text(request, "key") ?? throw DaprApiException.BadRequest(errorCode, "an operation has no key");
            var storedKey = ActorStateStore.StateKey(appId, actorType, actorId, key);
            var metadata = (request["metadata"] as JsonObject ?? [])
                .Where(m => m.Value is JsonValue)
                .ToDictionary(m => m.Key, m => m.Value!.ToString());
            result.Add((item?["operation"]?.GetValue<string>() ?? "").ToLowerInvariant() switch
            {
                "upsert" => new StateOperation(StateOperationKind.Upsert, storedKey, System.Text.Encoding.UTF8.GetBytes(request["value"]?.ToJsonString() ?? "null"),
                    Ttl: StateStoreExtensions.TtlFrom(metadata)),
                "delete" => new StateOperation(StateOperationKind.Delete, storedKey),
                var other => throw DaprApiException.BadRequest(errorCode, $"operation type {other} not supported"),
            });
        }

        return result;
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context, string errorCode)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted) ?? [];
        }
        catch (JsonException e)
        {
            throw DaprApiException.BadRequest(errorCode, $"malformed request body: {e.Message}");
        }
    }

    private static string? Text(JsonObject request, string name) =>
        request[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private sealed record ActorResponse(int Status, List<KeyValuePair<string, IEnumerable<string>>> Headers, byte[] Body);

    /// <summary>The host's registration: scans for idle actors until the sidecar stops, then drains and leaves the actor runtime.</summary>
    private sealed class Registration : IAsyncDisposable
    {
        private readonly ActorRuntime _actors;
        private readonly ActorHost _host;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _scan;

        public Registration(ActorRuntime actors, ActorHost host)
        {
            _actors = actors;
            _host = host;
            _scan = Task.Run(ScanAsync);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _scan;
            await _actors.DrainAsync(_host, _host.Config.DrainOngoingCallTimeout);
            _actors.Unregister(_host);
            _stop.Dispose();
        }

        private async Task ScanAsync()
        {
            var interval = _host.Config.ScanInterval > TimeSpan.FromMilliseconds(50) ? _host.Config.ScanInterval : TimeSpan.FromMilliseconds(50);
            try
            {
                while (true)
                {
                    await Task.Delay(interval, _actors.Services.Clock, _stop.Token);
                    try
                    {
                        await _actors.DeactivateIdleAsync(_host, _stop.Token);
                    }
                    catch (Exception e) when (!_stop.IsCancellationRequested)
                    {
                        _host.Sidecar.Logger.LogWarning("app '{AppId}': scanning for idle actors failed: {Error}", _host.Sidecar.AppId, e.Message);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The sidecar stops.
            }
        }
    }
}
