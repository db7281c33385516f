using System.Net;
using Dapr.Client;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SpaceOfSport.TestSupport;

/// <summary>
/// A service under test: its real <c>Program</c> on Kestrel (real HTTP, HTTP/2 and gRPC on a free port) beside a sidecar
/// from the local runtime, configured as daprd's CLI would configure it. Dispose to stop both.
/// </summary>
public sealed class ServiceHost<TProgram> : WebApplicationFactory<TProgram>
    where TProgram : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _configure;

    private ServiceHost(LocalSidecar sidecar, IReadOnlyDictionary<string, string?> settings, Action<IWebHostBuilder>? configure)
    {
        Sidecar = sidecar;
        _settings = settings;
        _configure = configure;
    }

    public LocalSidecar Sidecar { get; }

    public int Port => Sidecar.Options.AppPort!.Value;

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>
    /// Starts the service as app <paramref name="appId"/>. <paramref name="http2"/> serves cleartext HTTP/2 only (app
    /// protocol h2c), as services with gRPC APIs do. With <paramref name="appApiToken"/> the sidecar and the app share
    /// that app API token, as the launcher and the Helm chart set them up, and the service then refuses calls that do
    /// not come through its sidecar; without one (the default) a test may call the service directly.
    /// </summary>
    public static async Task<ServiceHost<TProgram>> StartAsync(
        LocalDaprRuntime runtime,
        string appId,
        IReadOnlyList<string> resourcesPaths,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool http2 = false,
        Action<IWebHostBuilder>? configure = null,
        string? appApiToken = null)
    {
        var sidecar = await runtime.StartSidecarAsync(new SidecarOptions
        {
            AppId = appId,
            AppPort = FreePort.Next(),
            AppProtocol = http2 ? "h2c" : "http",
            ResourcesPaths = resourcesPaths,
            AppApiToken = appApiToken,
        });
        var host = new ServiceHost<TProgram>(sidecar, settings ?? new Dictionary<string, string?>(), configure);
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, sidecar.Options.AppPort!.Value,
            listen => listen.Protocols = http2 ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2));
        host.StartServer();
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>An HttpClient to the service itself (HTTP/2 when it serves h2c).</summary>
    public HttpClient CreateHttpClient()
    {
        var http2 = Sidecar.Options.UsesHttp2ToApp;
        return new HttpClient
        {
            BaseAddress = Address,
            DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>A gRPC channel to the service itself.</summary>
    public GrpcChannel CreateGrpcChannel() => GrpcChannel.ForAddress(Address);

    /// <summary>A gRPC channel to the service through its sidecar (gRPC proxying by <c>dapr-app-id</c>), as another app calls it.</summary>
    public CallInvoker CreateGrpcInvokerThroughSidecar() =>
        GrpcChannel.ForAddress(Sidecar.GrpcEndpoint).Intercept(metadata =>
        {
            metadata.Add("dapr-app-id", Sidecar.AppId);
            return metadata;
        });

    /// <summary>A DaprClient on the service's sidecar, e.g. to publish the events the service consumes.</summary>
    public DaprClient CreateDaprClient() =>
        new DaprClientBuilder().UseGrpcEndpoint(Sidecar.GrpcEndpoint.ToString()).UseHttpEndpoint(Sidecar.HttpEndpoint.ToString()).Build();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Sidecar.AppEnvironment) builder.UseSetting(key, value);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        _configure?.Invoke(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sidecar.Runtime.StopSidecarAsync(Sidecar);
    }
}
