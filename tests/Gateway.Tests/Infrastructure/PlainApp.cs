using LocalDapr.Sidecar;

namespace SpaceOfSport.Gateway.Tests.Infrastructure;

/// <summary>
/// An app without a sidecar on a free loopback port: a stand-in storefront or hub the gateway reaches directly, or a
/// service on the defaults whose sidecar is missing.
/// </summary>
public sealed class PlainApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlainApp(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<PlainApp> StartAsync(Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address.ToString());
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new PlainApp(app, address);
    }

    /// <summary>An address where nothing listens: a service that is down.</summary>
    public static Uri Nowhere() => new($"http://127.0.0.1:{FreePort.Next()}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
