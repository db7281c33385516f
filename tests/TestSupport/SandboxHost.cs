using System.Net;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.Mvc.Testing;
using Stripe;
using StripeSandbox;

namespace SpaceOfSport.TestSupport;

/// <summary>
/// The Stripe sandbox on Kestrel at a free port (or a given one), as Stripe.net and browsers reach it, with its
/// webhooks sent to <c>webhookUrl</c> signed with <see cref="WebhookSecret"/>.
/// </summary>
public sealed class SandboxHost : WebApplicationFactory<SandboxAccount>
{
    public const string WebhookSecret = "whsec_sandbox_tests";
    public const string ApiKey = "sk_test_sandbox_tests";

    private readonly Dictionary<string, string?> _settings;

    private SandboxHost(int port, Dictionary<string, string?> settings)
    {
        Port = port;
        _settings = settings;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static SandboxHost Start(string? webhookUrl = null, int? port = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Sandbox:Webhooks:Secret"] = WebhookSecret,
            ["Sandbox:Webhooks:RetryBaseDelay"] = "00:00:00.200",
            ["Sandbox:RefundFailureDelay"] = "00:00:00.300",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (webhookUrl is not null) values["Sandbox:Webhooks:Endpoints:0:Url"] = webhookUrl;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var host = new SandboxHost(port ?? FreePort.Next(), values);
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, host.Port));
        host.StartServer();
        return host;
    }

    /// <summary>A Stripe.net client on the sandbox, as payments builds it.</summary>
    public StripeClient CreateStripeClient() => new(new StripeClientOptions { ApiKey = ApiKey, ApiBase = Address.ToString().TrimEnd('/') });

    public HttpClient CreateHttpClient(bool followRedirects = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = Address };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }
}
