using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Dapr;
using Dapr.Client;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using StripeSandbox.Events;

namespace StripeSandbox.Webhooks;

/// <summary>
/// Delivers every event to every configured endpoint as Stripe does: a JSON POST signed with the endpoint's secret, a
/// 2xx answer is success, anything else (or no answer) is retried with exponential backoff up to
/// <see cref="WebhookOptions.MaxAttempts"/>. <see cref="Switches"/> add delay, duplicates and reordering on purpose.
/// </summary>
public sealed partial class WebhookDispatcher(
    IHttpClientFactory httpClients,
    IOptions<SandboxOptions> options,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    /// <summary>The Dapr secret payments verifies signatures with, when no secret is configured here.</summary>
    public const string SigningSecretName = "stripe:webhookSecret";

    private readonly Channel<StripeEvent> _queue = Channel.CreateUnbounded<StripeEvent>();
    private readonly ConcurrentQueue<DeliveryAttempt> _attempts = new();
    private readonly List<StripeEvent> _held = [];
    private readonly Lock _heldGate = new();
    private readonly SemaphoreSlim _inFlight = new(Math.Max(1, options.Value.Webhooks.Concurrency));
    private string? _secretFromStore;

    public WebhookSwitches Switches { get; set; } = new();

    public int EndpointCount => options.Value.Webhooks.Endpoints.Count;

    public IReadOnlyList<DeliveryAttempt> Attempts => [.. _attempts];

    public void Enqueue(StripeEvent stripeEvent) => _queue.Writer.TryWrite(stripeEvent);

    /// <summary>Delivers the held events, newest first, and stops holding.</summary>
    public int Release()
    {
        List<StripeEvent> held;
        lock (_heldGate)
        {
            held = [.. _held];
            _held.Clear();
            Switches = Switches with { HoldForReordering = false };
        }
        held.Reverse();
        var switches = Switches;
        // One after the other, so the endpoint sees exactly the reversed order.
        _ = Task.Run(async () =>
        {
            foreach (var stripeEvent in held) await Task.WhenAll(Dispatch(stripeEvent, switches));
        });
        return held.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var stripeEvent in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var switches = Switches;
                if (switches.HoldForReordering)
                {
                    lock (_heldGate) _held.Add(stripeEvent);
                    continue;
                }
                _ = Dispatch(stripeEvent, switches);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: undelivered events are lost with the in-memory account.
        }
    }

    private List<Task> Dispatch(StripeEvent stripeEvent, WebhookSwitches switches)
    {
        var payload = stripeEvent.ToJson().ToJsonString();
        var deliveries = new List<Task>();
        foreach (var endpoint in options.Value.Webhooks.Endpoints)
        {
            for (var copy = 0; copy < (switches.Duplicate ? 2 : 1); copy++)
                deliveries.Add(DeliverAsync(stripeEvent, payload, endpoint, switches.Delay));
        }
        return deliveries;
    }

    private async Task DeliverAsync(StripeEvent stripeEvent, string payload, WebhookEndpointOptions endpoint, TimeSpan delay)
    {
        var webhookOptions = options.Value.Webhooks;
        if (delay > TimeSpan.Zero) await Task.Delay(delay, clock);
        for (var attempt = 1; attempt <= webhookOptions.MaxAttempts; attempt++)
        {
            int? status = null;
            string? error = null;
            await _inFlight.WaitAsync();
            try
            {
                var secret = endpoint.Secret ?? webhookOptions.Secret ?? await SecretFromStoreAsync();
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
                {
                    Content = new StringContent(payload, Encoding.UTF8, "application/json"),
                };
                request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Create(payload, secret, clock.GetUtcNow().ToUnixTimeSeconds()));
                request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
                using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request);
                status = (int)response.StatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or DaprException or InvalidOperationException)
            {
                error = exception.Message;
            }
            finally
            {
                _inFlight.Release();
            }
            _attempts.Enqueue(new DeliveryAttempt(stripeEvent.Id, stripeEvent.Type, endpoint.Url, attempt, status, error, clock.GetUtcNow()));
            if (status is >= 200 and < 300) return;
            LogDeliveryFailed(stripeEvent.Id, endpoint.Url, attempt, status, error);
            if (attempt < webhookOptions.MaxAttempts) await Task.Delay(webhookOptions.RetryBaseDelay * Math.Pow(2, attempt - 1), clock);
        }
    }

    private async Task<string> SecretFromStoreAsync()
    {
        if (_secretFromStore is { } cached) return cached;
        var dapr = services.GetRequiredService<DaprClient>();
        var secret = await dapr.GetSecretAsync(DaprComponents.SecretStore, SigningSecretName);
        return _secretFromStore = secret.Values.FirstOrDefault()
            ?? throw new InvalidOperationException($"no webhook signing secret: set Sandbox:Webhooks:Secret or the Dapr secret {SigningSecretName}");
    }

    [LoggerMessage(LogLevel.Warning, "Webhook {EventId} to {Url} failed on attempt {Attempt} (status {Status}, {Error}); retrying with backoff")]
    private partial void LogDeliveryFailed(string eventId, string url, int attempt, int? status, string? error);
}
