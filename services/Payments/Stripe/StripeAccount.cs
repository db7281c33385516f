using Dapr;
using Dapr.Client;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using Stripe;

namespace SpaceOfSport.Payments.Stripe;

/// <summary>
/// The Stripe.net client and the webhook secret, from the Dapr secret store on first use. With no secret key there,
/// the same client is pointed at the sandbox (<see cref="StripeSettings.SandboxUrl"/>), so every code path is the one
/// that runs against Stripe. A failed read is retried on the next use rather than remembered.
/// </summary>
public sealed partial class StripeAccount(
    DaprClient dapr,
    IHttpClientFactory httpClients,
    IOptions<StripeSettings> settings,
    ILogger<StripeAccount> logger)
{
    public const string HttpClientName = "stripe";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Connection? _connection;

    public async Task<StripeClient> ClientAsync(CancellationToken cancellationToken) => (await ConnectionAsync(cancellationToken)).Client;

    public async Task<string> WebhookSecretAsync(CancellationToken cancellationToken) => (await ConnectionAsync(cancellationToken)).WebhookSecret;

    /// <summary>True while payments talks to the sandbox: the payment page is then the sandbox's hosted page.</summary>
    public async Task<bool> IsSandboxAsync(CancellationToken cancellationToken) => (await ConnectionAsync(cancellationToken)).Sandbox;

    public Uri SandboxUrl => settings.Value.SandboxUrl;

    private async Task<Connection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } ready) return ready;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { } loaded) return loaded;
            var secretKey = await ReadSecretAsync(StripeSettings.SecretKeySecret, cancellationToken);
            var webhookSecret = await ReadSecretAsync(StripeSettings.WebhookSecretSecret, cancellationToken)
                ?? throw new InvalidOperationException($"The Dapr secret {StripeSettings.WebhookSecretSecret} is missing: webhooks could not be verified");
            var sandbox = secretKey is null;
            var http = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName), maxNetworkRetries: 2);
            var client = new StripeClient(new StripeClientOptions
            {
                ApiKey = secretKey ?? StripeSettings.SandboxApiKey,
                ApiBase = sandbox ? settings.Value.SandboxUrl.ToString().TrimEnd('/') : null,
                HttpClient = http,
            });
            if (sandbox) LogSandbox(settings.Value.SandboxUrl);
            return _connection = new Connection(client, webhookSecret, sandbox);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<string?> ReadSecretAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await dapr.GetSecretAsync(DaprComponents.SecretStore, name, cancellationToken: cancellationToken);
            return secret.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        }
        catch (DaprException exception) when (IsMissingSecret(exception))
        {
            return null;
        }
    }

    // The local-file store answers a missing key with an error, not an empty map.
    private static bool IsMissingSecret(DaprException exception) =>
        exception.InnerException?.Message.Contains("not found", StringComparison.OrdinalIgnoreCase) == true
        || exception.Message.Contains("not found", StringComparison.OrdinalIgnoreCase);

    private sealed record Connection(StripeClient Client, string WebhookSecret, bool Sandbox);

    [LoggerMessage(LogLevel.Warning, "No Stripe secret key in the secret store: payments uses the Stripe sandbox at {SandboxUrl}")]
    private partial void LogSandbox(Uri sandboxUrl);
}
