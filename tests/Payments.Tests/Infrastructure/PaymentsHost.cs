using System.Net;
using System.Text.Json;
using Grpc.Core.Interceptors;
using LocalDapr;
using LocalDapr.PubSub;
using LocalDapr.Sidecar;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Payments;
using SpaceOfSport.TestSupport;
using PaymentIntent = Stripe.PaymentIntent;
using PaymentIntentConfirmOptions = Stripe.PaymentIntentConfirmOptions;
using PaymentsProgram = Program;
using StripeClient = Stripe.StripeClient;
using VerificationClient = SpaceOfSport.Contracts.Payments.V1.Verification.VerificationClient;

namespace SpaceOfSport.Payments.Tests.Infrastructure;

/// <summary>
/// The real payments service (h2c) on one database provider beside a local sidecar, its secrets in a local-file secret
/// store (no Stripe key: sandbox mode), and the Stripe sandbox sending its webhooks through payments' sidecar.
/// </summary>
public sealed class PaymentsHost : IAsyncDisposable
{
    private readonly LocalDaprRuntime _runtime;
    private readonly string _components;

    private PaymentsHost(LocalDaprRuntime runtime, string components, ServiceHost<PaymentsProgram> service, SandboxHost sandbox, EventCollector events)
    {
        _runtime = runtime;
        _components = components;
        Service = service;
        Sandbox = sandbox;
        Events = events;
        Http = service.CreateHttpClient();
        // Only ordering may call /api/payments; without an app API token a loopback caller's claim is believed, so the
        // tests speak as ordering's sidecar would (CallerTests checks the rule itself).
        Http.DefaultRequestHeaders.Add(DaprSidecar.CallerAppIdHeader, "ordering");
        Verification = new VerificationClient(service.CreateGrpcChannel().Intercept(metadata =>
        {
            metadata.Add(DaprSidecar.CallerAppIdHeader, "ordering");
            return metadata;
        }));
        Stripe = sandbox.CreateStripeClient();
        SandboxHttp = sandbox.CreateHttpClient();
    }

    public ServiceHost<PaymentsProgram> Service { get; }

    public SandboxHost Sandbox { get; }

    public EventCollector Events { get; }

    /// <summary>HTTP/2 (h2c) straight to payments, as its sidecar calls it for ordering.</summary>
    public HttpClient Http { get; }

    public VerificationClient Verification { get; }

    /// <summary>Stripe.net on the sandbox: the customer's browser (Stripe.js) confirming with a card.</summary>
    public StripeClient Stripe { get; }

    public HttpClient SandboxHttp { get; }

    public static IReadOnlyList<string> Topics { get; } =
    [
        IntegrationEvent.Topic<PaymentSucceeded>(), IntegrationEvent.Topic<PaymentFailed>(), IntegrationEvent.Topic<PaymentRequiresAction>(),
        IntegrationEvent.Topic<RefundSucceeded>(), IntegrationEvent.Topic<RefundFailed>(),
    ];

    public static async Task<PaymentsHost> StartAsync(string provider)
    {
        var components = Directory.CreateTempSubdirectory("payments-components-").FullName;
        var secretsFile = Path.Combine(components, "secrets.json");
        await File.WriteAllTextAsync(secretsFile, JsonSerializer.Serialize(new { stripe = new { webhookSecret = SandboxHost.WebhookSecret } }));
        await File.WriteAllTextAsync(Path.Combine(components, "pubsub.yaml"), TestComponents.InMemoryPubSub);
        await File.WriteAllTextAsync(Path.Combine(components, "secretstore.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: secretstore
            spec:
              type: secretstores.local.file
              version: v1
              metadata:
                - name: secretsFile
                  value: "{secretsFile}"
                - name: nestedSeparator
                  value: ":"
            """);

        var runtime = LocalDaprRuntime.Create();
        var sandboxPort = FreePort.Next();
        var service = await ServiceHost<PaymentsProgram>.StartAsync(runtime, "payments", [components], new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:payments"] = await TestDatabases.CreateAsync(provider, "payments"),
            ["Payments:Stripe:SandboxUrl"] = $"http://127.0.0.1:{sandboxPort}",
            ["Logging:LogLevel:Default"] = "Warning",
        }, http2: true);
        var sandbox = SandboxHost.Start($"{service.Sidecar.HttpEndpoint.ToString().TrimEnd('/')}/v1.0/invoke/payments/method/webhooks/stripe", sandboxPort);
        var pubSub = service.Sidecar.Components.Find<IPubSub>(DaprComponents.PubSub, "payments")!;
        var events = await EventCollector.StartAsync(pubSub, Topics);
        return new PaymentsHost(runtime, components, service, sandbox, events);
    }

    /// <summary>Creates the payment of a new order; returns its JSON.</summary>
    public async Task<JsonElement> CreatePaymentAsync(Guid? orderId = null, long amount = 12_345, string currency = "eur")
    {
        using var response = await Http.PostAsJsonAsync("/api/payments", new { orderId = orderId ?? Guid.CreateVersion7(), amount, currency });
        response.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> GetPaymentAsync(Guid orderId) => await Http.GetFromJsonAsync<JsonElement>($"/api/payments/{orderId}");

    /// <summary>Waits until payments reports <paramref name="status"/> for the order (webhooks arrive asynchronously).</summary>
    public async Task<JsonElement> WaitForStatusAsync(Guid orderId, string status) =>
        await Eventually.ReturnsAsync(() => GetPaymentAsync(orderId), p => p.GetProperty("status").GetString() == status, because: $"payment of {orderId} to become {status}");

    public async Task<PaymentIntent> ConfirmAsync(JsonElement payment, string paymentMethod) =>
        await Stripe.V1.PaymentIntents.ConfirmAsync(payment.GetProperty("paymentIntentId").GetString(), new PaymentIntentConfirmOptions { PaymentMethod = paymentMethod });

    public async Task<HttpResponseMessage> RefundAsync(Guid orderId, long? amount, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/payments/{orderId}/refunds")
        {
            Content = JsonContent.Create(new { amount }),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Add("Idempotency-Key", key);
        return await Http.SendAsync(request);
    }

    public IEnumerable<ReceivedEvent> EventsOf<TEvent>(Guid orderId) where TEvent : IntegrationEvent =>
        Events.Received.Where(e => e.Type == IntegrationEvent.CloudEventType<TEvent>() && e.Data.GetProperty("orderId").GetGuid() == orderId);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        SandboxHttp.Dispose();
        await Events.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Service.DisposeAsync();
        await _runtime.DisposeAsync();
        Directory.Delete(_components, recursive: true);
    }
}

/// <summary>One payments host (SQLite) shared by a test class; tests keep apart by new order ids.</summary>
public sealed class PaymentsFixture : IAsyncLifetime
{
    public PaymentsHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await PaymentsHost.StartAsync(TestDatabases.Sqlite);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
