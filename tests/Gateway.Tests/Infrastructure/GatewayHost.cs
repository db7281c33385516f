
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.Mvc.Testing;
using GatewayProgram = Program;

namespace SpaceOfSport.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway (its Program, on Kestrel at a free port) with its own sidecar from the local runtime, configured
/// from the sidecar's environment the way the launcher starts it, plus a test's own settings.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    /// <summary>The token the gateway's sidecar demands (DAPR_API_TOKEN), so every route proves the gateway sends it.</summary>
    public const string SidecarApiToken = "gateway-sidecar-token";

    private readonly WebApplicationFactory<GatewayProgram> _factory;

    private GatewayHost(LocalSidecar sidecar, WebApplicationFactory<GatewayProgram> factory, Uri address)
    {
        Sidecar = sidecar;
        _factory = factory;
        Address = address;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public LocalSidecar Sidecar { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>Starts a gateway; <paramref name="configure"/> runs last, e.g. to capture its logs or give it a fake clock.</summary>
    public static async Task<GatewayHost> StartAsync(
        LocalDaprRuntime runtime,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IWebHostBuilder>? configure = null)
    {
        var port = FreePort.Next();
        var sidecar = await runtime.StartSidecarAsync(new SidecarOptions
        {
            AppId = "gateway",
            AppPort = port,
            DaprApiToken = SidecarApiToken,
            ResourcesPaths = [],
        });

        var factory = new WebApplicationFactory<GatewayProgram>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(Environments.Production);
            web.ConfigureLogging(logging => logging.ClearProviders());
            web.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
            web.UseSetting("Storefront:Url", PlainApp.Nowhere().ToString());
            foreach (var (key, value) in sidecar.AppEnvironment) web.UseSetting(key, value);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) web.UseSetting(key, value);
            configure?.Invoke(web);
        });
        // The URL is a setting rather than UseKestrel(port): the gateway's own "Urls" default would win over that.
        factory.UseKestrel();
        factory.StartServer();
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return new GatewayHost(sidecar, factory, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        // A test may have stopped the sidecar already, to see the gateway without it.
        if (Sidecar.Runtime.Sidecars.Contains(Sidecar)) await Sidecar.Runtime.StopSidecarAsync(Sidecar);
    }
}
