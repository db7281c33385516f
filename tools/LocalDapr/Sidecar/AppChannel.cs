using System.Net;
using System.Net.Sockets;

namespace LocalDapr.Sidecar;

/// <summary>The sidecar's connection to its app: every callback (subscriptions, bindings, actors, invocation) goes here.</summary>
public sealed class AppChannel : IDisposable
{
    private readonly SidecarOptions _options;

    public AppChannel(SidecarOptions options)
    {
        _options = options;
        BaseAddress = new Uri($"http://127.0.0.1:{options.AppPort ?? 0}");
        Handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        Invoker = new HttpMessageInvoker(Handler, disposeHandler: false);
        Client = new HttpClient(new AppProtocolHandler(Version) { InnerHandler = Handler }, disposeHandler: true)
        {
            BaseAddress = BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = Version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (options.AppApiToken is { } token) Client.DefaultRequestHeaders.Add("dapr-api-token", token);
        if (options.AppProtocol == "grpc") AppCallback = new AppCallbackClient(BaseAddress, Handler, options.AppApiToken);
    }

    /// <summary>For an app with <c>appProtocol: grpc</c>: its AppCallback service, which daprd calls instead of HTTP callbacks.</summary>
    public AppCallbackClient? AppCallback { get; }

    public Uri BaseAddress { get; }

    /// <summary>HTTP/2 for grpc/h2c apps, HTTP/1.1 otherwise.</summary>
    public Version Version => _options.UsesHttp2ToApp ? HttpVersion.Version20 : HttpVersion.Version11;

    public string? AppApiToken => _options.AppApiToken;

    /// <summary>For callbacks: sends the app API token on every request.</summary>
    public HttpClient Client { get; }

    /// <summary>For forwarding (service invocation), where the forwarder sets the headers itself.</summary>
    public HttpMessageInvoker Invoker { get; }

    private SocketsHttpHandler Handler { get; }

    /// <summary>
    /// Waits until the app accepts connections (and answers its health path, when health checks are on); false when
    /// <paramref name="limit"/> passed first.
    /// </summary>
    public async Task<bool> WaitUntilReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            while (true)
            {
                if (await IsReadyAsync(timeout.Token)) return true;
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Cancelled }
            && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_options.EnableAppHealthCheck && AppCallback is not null)
            {
                await AppCallback.HealthCheckAsync(cancellationToken);
                return true;
            }

            if (_options.EnableAppHealthCheck)
            {
                // daprd's HTTP health probe carries no app API token (pkg/channel/http HealthProbe), unlike every other
                // call into the app: the app's health path must answer without it.
                using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, _options.AppHealthCheckPath))
                {
                    Version = Version,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                };
                using var response = await Invoker.SendAsync(probe, cancellationToken);
                return response.IsSuccessStatusCode;
            }

            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, _options.AppPort ?? 0, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SocketException or HttpRequestException or Grpc.Core.RpcException { StatusCode: not Grpc.Core.StatusCode.Cancelled })
        {
            return false;
        }
    }

    /// <summary>Every callback speaks the app's protocol, however the request was built.</summary>
    private sealed class AppProtocolHandler(Version version) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Version = version;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            return base.SendAsync(request, cancellationToken);
        }
    }

    public void Dispose()
    {
        AppCallback?.Dispose();
        Client.Dispose(); // and with it the shared handler
        Invoker.Dispose();
    }
}
