using Dapr.Client;
using LocalDapr.Sidecar;

namespace LocalDapr.Tests.Infrastructure;

/// <summary>
/// A small ASP.NET Core app with a sidecar from the local runtime, both in this process on free ports: what a
/// service test needs to exercise the runtime exactly as an app under daprd would.
/// </summary>
public sealed class DaprTestApp : IAsyncDisposable
{
    private DaprTestApp(Sidecar.LocalSidecar sidecar, WebApplication app, DaprClient client)
    {
        Sidecar = sidecar;
        App = app;
        Client = client;
    }

    public Sidecar.LocalSidecar Sidecar { get; }

    public WebApplication App { get; }

    /// <summary>A DaprClient pointed at this app's sidecar.</summary>
    public DaprClient Client { get; }

    public string AppId => Sidecar.AppId;

    public Uri AppAddress => new($"http://127.0.0.1:{Sidecar.Options.AppPort}");

    /// <summary>Starts a sidecar and an app wired to it; <paramref name="map"/> adds the app's endpoints.</summary>
    public static async Task<DaprTestApp> StartAsync(
        LocalDaprRuntime runtime,
        string appId,
        string resourcesPath,
        Action<WebApplicationBuilder, Sidecar.LocalSidecar>? configureServices = null,
        Action<WebApplication>? map = null,
        Func<SidecarOptions, SidecarOptions>? tweak = null,
        bool waitForApp = true)
    {
        var options = new SidecarOptions { AppId = appId, AppPort = FreePort.Next(), ResourcesPaths = [resourcesPath] };
        options = tweak?.Invoke(options) ?? options;
        var sidecar = await runtime.StartSidecarAsync(options);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.AppPort}");
        if (options.UsesHttp2ToApp)
            builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        builder.Services.AddDaprClient(b => Configure(b, sidecar));
        configureServices?.Invoke(builder, sidecar);
        var app = builder.Build();
        map?.Invoke(app);
        await app.StartAsync();
        if (waitForApp) await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return new DaprTestApp(sidecar, app, app.Services.GetRequiredService<DaprClient>());
    }

    /// <summary>Points a DaprClientBuilder at <paramref name="sidecar"/> with its API token.</summary>
    public static DaprClientBuilder Configure(DaprClientBuilder builder, Sidecar.LocalSidecar sidecar)
    {
        builder.UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString()).UseHttpEndpoint(sidecar.HttpEndpoint.ToString());
        if (sidecar.Options.DaprApiToken is { } token) builder.UseDaprApiToken(token);
        return builder;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Sidecar.Runtime.StopSidecarAsync(Sidecar);
    }
}
