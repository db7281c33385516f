using LocalDapr;
using LocalDapr.Sidecar;
using SpaceOfSport.BuildingBlocks;

namespace SpaceOfSport.Gateway.Tests.Infrastructure;

/// <summary>
/// A service as the shop runs it: an app on the service defaults, behind its own sidecar from the local runtime, with
/// the app API token between them. By default it echoes every request (<see cref="RequestEcho"/>).
/// </summary>
public sealed class FakeService : IAsyncDisposable
{
    private FakeService(LocalSidecar sidecar, WebApplication app, Uri address)
    {
        Sidecar = sidecar;
        App = app;
        Address = address;
    }

    public LocalSidecar Sidecar { get; }

    public WebApplication App { get; }

    /// <summary>The app's own address, bypassing the sidecar.</summary>
    public Uri Address { get; }

    public static async Task<FakeService> StartAsync(
        LocalDaprRuntime runtime,
        string appId,
        string? appApiToken = null,
        Action<WebApplication>? map = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        IReadOnlyList<string>? resourcesPaths = null)
    {
        var port = FreePort.Next();
        var sidecar = await runtime.StartSidecarAsync(new SidecarOptions
        {
            AppId = appId,
            AppPort = port,
            AppApiToken = appApiToken,
            ResourcesPaths = resourcesPaths ?? [],
        });

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ApplicationName = appId });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(sidecar.AppEnvironment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)));
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        var app = builder.Build();
        (map ?? RequestEcho.MapEcho).Invoke(app);
        app.MapDefaultEndpoints();
        await app.StartAsync();
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return new FakeService(sidecar, app, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>A DaprClient on the app's sidecar, as the app itself would use it.</summary>
    public Dapr.Client.DaprClient CreateDaprClient() =>
        new Dapr.Client.DaprClientBuilder().UseGrpcEndpoint(Sidecar.GrpcEndpoint.ToString()).UseHttpEndpoint(Sidecar.HttpEndpoint.ToString()).Build();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Sidecar.Runtime.StopSidecarAsync(Sidecar);
    }
}
