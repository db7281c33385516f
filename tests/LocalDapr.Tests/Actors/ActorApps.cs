using Dapr.Actors;
using Dapr.Actors.Client;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Actors;

/// <summary>Starts apps hosting <see cref="TestActor"/> with the Dapr.Actors SDK, and proxies to call them.</summary>
public static class ActorApps
{
    public const string ApiToken = "actors-test-token";

    /// <summary>Starts an app hosting <see cref="TestActor"/>; with <paramref name="healthy"/>, app health checks ask it through <c>/ready</c>.</summary>
    public static Task<DaprTestApp> StartAsync(
        LocalDaprRuntime runtime,
        string resourcesPath,
        ActorProbe probe,
        string appId = "actor-app",
        TimeSpan? idleTimeout = null,
        bool reentrancy = false,
        Func<bool>? healthy = null) =>
        DaprTestApp.StartAsync(runtime, appId, resourcesPath,
            configureServices: (builder, sidecar) =>
            {
                builder.Services.AddSingleton(probe);
                builder.Services.AddActors(options =>
                {
                    options.Actors.RegisterActor<TestActor>();
                    options.HttpEndpoint = Endpoint(sidecar);
                    options.DaprApiToken = ApiToken;
                    options.ActorIdleTimeout = idleTimeout ?? TimeSpan.FromMinutes(60);
                    options.ActorScanInterval = TimeSpan.FromMilliseconds(200);
                    options.ReentrancyConfig = new ActorReentrancyConfig { Enabled = reentrancy };
                });
            },
            map: app =>
            {
                app.MapActorsHandlers();
                if (healthy is not null) app.MapGet("/ready", () => healthy() ? Results.Ok() : Results.StatusCode(503));
            },
            tweak: options => healthy is null
                ? options with { DaprApiToken = ApiToken }
                : options with
                {
                    DaprApiToken = ApiToken,
                    EnableAppHealthCheck = true,
                    AppHealthCheckPath = "/ready",
                    AppHealthProbeInterval = TimeSpan.FromMilliseconds(100),
                });

    public static ITestActor Proxy(DaprTestApp app, string actorId) =>
        ActorProxy.Create<ITestActor>(new ActorId(actorId), nameof(TestActor), Options(app));

    public static ActorProxyOptions Options(DaprTestApp app) => new() { HttpEndpoint = Endpoint(app.Sidecar), DaprApiToken = ApiToken };

    /// <summary>The SDK appends <c>/v1.0/...</c> to the endpoint itself, so it must not end in a slash.</summary>
    public static string Endpoint(Sidecar.LocalSidecar sidecar) => sidecar.HttpEndpoint.ToString().TrimEnd('/');

    public static HttpClient RawClient(DaprTestApp app)
    {
        var client = new HttpClient { BaseAddress = app.Sidecar.HttpEndpoint };
        client.DefaultRequestHeaders.Add("dapr-api-token", ApiToken);
        return client;
    }
}
