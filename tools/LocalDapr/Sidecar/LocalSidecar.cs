using System.Net;
using LocalDapr.Components;
using LocalDapr.Resiliency;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace LocalDapr.Sidecar;

/// <summary>
/// One app's sidecar: the Dapr HTTP API on <see cref="HttpPort"/>, the Dapr gRPC API (and gRPC proxying) on
/// <see cref="GrpcPort"/>, and the callbacks into the app once it answers.
/// </summary>
public sealed class LocalSidecar : IAsyncDisposable
{

    private readonly List<IAsyncDisposable> _started = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _appReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _appStartOverdue = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile TaskCompletionSource _appHealthy = NewHealthSignal(healthy: true);
    private WebApplication? _host;
    private Task? _connect;

    internal LocalSidecar(LocalDaprRuntime runtime, SidecarOptions options, ComponentSet components)
    {
        Runtime = runtime;
        Options = options;
        Components = components;
        HttpPort = options.HttpPort > 0 ? options.HttpPort : FreePort.Next();
        GrpcPort = options.GrpcPort > 0 ? options.GrpcPort : FreePort.Next();
        App = options.AppPort is null ? null : new AppChannel(options);
        Operations = new SidecarOperations(this);
        Outbox = new Outbox.StateOutbox(this);
        Resiliency = new SidecarResiliency(options.AppId, components.Resources.Resiliencies, runtime.Services.Clock);
        Logger = runtime.Services.LoggerFactory.CreateLogger($"dapr.{options.AppId}");
    }

    public string AppId => Options.AppId;

    /// <summary>What <c>{podName}</c> in component metadata means for this sidecar: one machine has no pods, so each sidecar is one.</summary>
    public string PodName => Options.PodName ?? $"{AppId}-{HttpPort}";

    /// <summary>The subscriptions the sidecar holds for its app, by pubsub and topic, for the metadata API.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<(string PubSub, string Topic), PubSub.TopicSubscription> Subscriptions { get; } = new();

    /// <summary>Attributes an app set with <c>PUT /v1.0/metadata/{key}</c>: ephemeral, as in daprd.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> ExtendedMetadata { get; } = new(StringComparer.Ordinal);

    /// <summary>What <c>{uuid}</c> in component metadata means for this sidecar: daprd draws one when it loads a component.</summary>
    public string ComponentUuid { get; } = Guid.NewGuid().ToString();

    public SidecarOptions Options { get; }

    public LocalDaprRuntime Runtime { get; }

    public RuntimeServices Services => Runtime.Services;

    public ComponentSet Components { get; }

    public IEnumerable<ComponentManifest> ComponentManifests => Components.Resources.Components.Where(c => c.IsVisibleTo(AppId));

    public SidecarOperations Operations { get; }

    /// <summary>The transactional outbox of the app's state stores that have one (started with the callbacks).</summary>
    public Outbox.StateOutbox Outbox { get; }

    /// <summary>The channel to the app; null when the app has no port.</summary>
    public AppChannel? App { get; }

    public ILogger Logger { get; }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public Uri HttpEndpoint => new($"http://127.0.0.1:{HttpPort}");

    public Uri GrpcEndpoint => new($"http://127.0.0.1:{GrpcPort}");

    /// <summary>Completes when the app answered and every callback feature (subscriptions, bindings, actors) started.</summary>
    public Task AppReady => _appReady.Task;

    /// <summary>
    /// Completes when the app has not answered within <see cref="SidecarOptions.AppStartTimeout"/>. The sidecar keeps
    /// waiting for it (like daprd, which waits for its app without a limit): <see cref="AppReady"/> completes, and the
    /// callbacks start, whenever the app answers.
    /// </summary>
    public Task AppStartOverdue => _appStartOverdue.Task;

    /// <summary>False while app health checks are on and the app's health path fails.</summary>
    public bool AppHealthy => _appHealthy.Task.IsCompleted;

    /// <summary>Fires when the sidecar stops, or when the app asked it to shut down.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>The environment daprd gives an app it starts: how to reach the sidecar, and the tokens.</summary>
    public IReadOnlyDictionary<string, string> AppEnvironment
    {
        get
        {
            var env = new Dictionary<string, string>
            {
                ["APP_ID"] = AppId,
                ["DAPR_HTTP_PORT"] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["DAPR_GRPC_PORT"] = GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["DAPR_HTTP_ENDPOINT"] = HttpEndpoint.ToString().TrimEnd('/'),
                ["DAPR_GRPC_ENDPOINT"] = GrpcEndpoint.ToString().TrimEnd('/'),
            };
            if (Options.AppPort is { } port) env["APP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Options.DaprApiToken is { } daprToken) env["DAPR_API_TOKEN"] = daprToken;
            if (Options.AppApiToken is { } appToken) env["APP_API_TOKEN"] = appToken;
            return env;
        }
    }

    /// <summary>The Resiliency policies this sidecar applies (https://docs.dapr.io/operations/resiliency/).</summary>
    public SidecarResiliency Resiliency { get; }

    /// <summary>
    /// The shutdown API (https://docs.dapr.io/reference/api/shutdown_api/): the sidecar stops its callbacks and closes its
    /// ports, letting the request that asked for it finish first.
    /// </summary>
    public void RequestShutdown()
    {
        _stopping.Cancel();
        if (_host is { } host) _ = Task.Run(() => host.StopAsync(TimeSpan.FromSeconds(5)), CancellationToken.None);
    }

    /// <summary>
    /// Waits while the app is unhealthy: like daprd, the sidecar holds deliveries to an app that fails its health
    /// checks instead of spending their retries (https://docs.dapr.io/operations/resiliency/health-checks/app-health/).
    /// </summary>
    public Task WaitUntilAppHealthyAsync(CancellationToken cancellationToken) => _appHealthy.Task.WaitAsync(cancellationToken);

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "LocalDapr", EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Services.LoggerFactory);
        builder.Services.AddSingleton(this);
        builder.Services.AddSingleton(Runtime);
        builder.Services.AddSingleton<ServiceInvocation>();
        builder.Services.AddHttpForwarder();
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 16 * 1024 * 1024);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, HttpPort, l => l.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, GrpcPort, l => l.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MaxRequestBodySize = null;
        });

        var app = builder.Build();
        app.Use(CollapseSlashes);
        app.UseRouting();
        app.Use(RequireApiToken);
        app.Use(ForwardByAppIdHeader);
        app.MapGrpcService<DaprGrpcApi>().RequireHost($"*:{GrpcPort}");
        app.MapGrpcService<Workflows.TaskHubSidecarService>().RequireHost($"*:{GrpcPort}");
        var http = app.MapGroup("").RequireHost($"*:{HttpPort}");
        http.MapDaprHttpApi(this);
        foreach (var feature in Runtime.Features) feature.MapEndpoints(http, this);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new ResourceLoadException($"app '{AppId}': cannot listen on sidecar ports {HttpPort} (HTTP) and {GrpcPort} (gRPC): {e.Message}", e);
        }

        _host = app;
        _connect = Task.Run(() => ConnectAppAsync(_stopping.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync();
        if (_connect is not null) await _connect;
        foreach (var started in Enumerable.Reverse(_started)) await started.DisposeAsync();
        if (_host is not null)
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
            await _host.DisposeAsync();
        }

        App?.Dispose();
        _stopping.Dispose();
    }

    private async Task ConnectAppAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (App is not null) await WaitForAppAsync(App, cancellationToken);
            foreach (var feature in Runtime.Features)
            {
                if (await feature.StartAsync(this, cancellationToken) is { } started) _started.Add(started);
            }

            _appReady.TrySetResult();
            if (Options.EnableAppHealthCheck && App is not null) await ProbeAppHealthAsync(App, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _appReady.TrySetException(new TimeoutException($"app '{AppId}' had not answered on port {Options.AppPort} when its sidecar stopped"));
        }
        catch (Exception e)
        {
            Logger.LogError(e, "app '{AppId}': starting callbacks failed", AppId);
            _appReady.TrySetException(e);
        }
    }

    /// <summary>
    /// Waits for the app without a limit: an app slower than its start limit (a cold build on a busy machine) still gets
    /// its subscriptions, bindings and actors when it answers, rather than never.
    /// </summary>
    private async Task WaitForAppAsync(AppChannel app, CancellationToken cancellationToken)
    {
        if (await app.WaitUntilReadyAsync(Options.AppStartTimeout, cancellationToken)) return;
        Logger.LogWarning("app '{AppId}' has not answered on port {Port} within {Limit}; its callbacks start when it does",
            AppId, Options.AppPort, Options.AppStartTimeout);
        _appStartOverdue.TrySetResult();
        await app.WaitUntilReadyAsync(Timeout.InfiniteTimeSpan, cancellationToken);
        Logger.LogInformation("app '{AppId}' answered after its start limit; starting its callbacks", AppId);
    }

    private async Task ProbeAppHealthAsync(AppChannel app, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.AppHealthProbeInterval, Services.Clock);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var healthy = await app.IsReadyAsync(cancellationToken);
            if (healthy == AppHealthy) continue;
            Logger.LogInformation("app '{AppId}' is {Health}", AppId, healthy ? "healthy again" : "unhealthy: deliveries are held");
            if (healthy) _appHealthy.TrySetResult();
            else _appHealthy = NewHealthSignal(healthy: false);
        }
    }

    private static TaskCompletionSource NewHealthSignal(bool healthy)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (healthy) signal.TrySetResult();
        return signal;
    }

    /// <summary>
    /// Dapr.Actors 1.19 calls <c>//v1.0/actors/...</c> when its endpoint has no trailing slash; daprd accepts it, so
    /// repeated slashes are read as one.
    /// </summary>
    private static Task CollapseSlashes(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal))
            context.Request.Path = new PathString(System.Text.RegularExpressions.Regex.Replace(path, "/{2,}", "/"));
        return next();
    }

    private Task RequireApiToken(HttpContext context, Func<Task> next)
    {
        if (Options.DaprApiToken is not { } expected || IsOpenHealthCheck(context.Request)) return next();
        if (context.Request.Headers["dapr-api-token"] == expected) return next();
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "16"; // Unauthenticated
            context.Response.Headers["grpc-message"] = "missing or wrong dapr-api-token";
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return context.Response.WriteAsJsonAsync(new { errorCode = "ERR_INVALID_API_TOKEN", message = "missing or wrong dapr-api-token" });
    }

    /// <summary>daprd leaves exactly these two open without the token (pkg/api/http/middlewares.go), GET only.</summary>
    private static bool IsOpenHealthCheck(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Value?.TrimEnd('/') is "/v1.0/healthz" or "/v1.0/healthz/outbound";

    private Task ForwardByAppIdHeader(HttpContext context, Func<Task> next)
    {
        var isDaprApi = context.Connection.LocalPort == GrpcPort
            ? context.Request.Path.StartsWithSegments("/" + DaprGrpcApi.ServiceName) || context.Request.Path.StartsWithSegments("/" + Workflows.TaskHubSidecarService.ServiceName)
            : context.Request.Path.StartsWithSegments("/v1.0");
        if (isDaprApi || !context.Request.Headers.ContainsKey(ServiceInvocation.AppIdHeader)) return next();
        return context.RequestServices.GetRequiredService<ServiceInvocation>().ForwardByHeaderAsync(context);
    }
}
