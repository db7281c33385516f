extern alias gateway;
extern alias notifications;
using System.Net.Http.Headers;
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts;
using SpaceOfSport.TestSupport;
using GatewayProgram = gateway::Program;
using NotificationsProgram = notifications::Program;

namespace SpaceOfSport.Notifications.Tests.Infrastructure;

/// <summary>
/// Two replicas of the notifications service (each beside its own sidecar, so each its own consumer group on
/// <c>hub-pubsub</c>), the real gateway in front of replica A, a stand-in identity, in-memory pub/sub and a SQLite
/// state store, all on one local runtime. Time is one <see cref="FakeTimeProvider"/> the tests move; logs of every
/// level are captured to prove no credential is written.
/// </summary>
public sealed class HubHost : IAsyncLifetime
{
    public const string ShopOrigin = "http://shop.test";
    public const int RecentMessages = 5;
    public const int MessagesPerSecond = 20;
    public const int MaxSubscriptions = 10;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);

    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private WebApplicationFactory<GatewayProgram> _gateway = null!;

    public ServiceHost<NotificationsProgram> ReplicaA { get; private set; } = null!;

    public ServiceHost<NotificationsProgram> ReplicaB { get; private set; } = null!;

    public TestIdentity Identity { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public CapturedLogs Logs { get; } = new();

    public Uri GatewayAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var components = await TestComponents.CreateFolderAsync("notifications-components",
            TestComponents.InMemoryPubSub,
            """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: hub-pubsub
            spec:
              type: pubsub.in-memory
              version: v1
              metadata:
                - name: consumerID
                  value: "{podName}"
            """,
            TestComponents.SqliteStateStore(Path.Combine(Path.GetTempPath(), $"notifications-state-{Guid.NewGuid():N}.db")));
        Identity = await TestIdentity.StartAsync(_runtime, [components]);
        ReplicaA = await StartReplicaAsync(components);
        ReplicaB = await StartReplicaAsync(components);
        GatewayAddress = await StartGatewayAsync();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await ReplicaA.DisposeAsync();
        await ReplicaB.DisposeAsync();
        await Identity.DisposeAsync();
        await _runtime.DisposeAsync();
    }

    /// <summary>Publishes <paramref name="integrationEvent"/> on <c>pubsub</c>, as its owning service would; it happened now on the test clock.</summary>
    public async Task PublishAsync<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        using var dapr = ReplicaA.CreateDaprClient();
        await dapr.PublishEventAsync(DaprComponents.PubSub, IntegrationEvent.Topic<TEvent>(), integrationEvent with { OccurredAt = Clock.GetUtcNow() });
    }

    /// <summary>
    /// A signed-in user's token, as identity issues it, expiring <paramref name="lifetime"/> (15 minutes) after the
    /// test clock's now (which tests move ahead of the real one).
    /// </summary>
    public string TokenFor(Guid user, TimeSpan? lifetime = null) =>
        Identity.IssueToken(user.ToString(), lifetime: Clock.GetUtcNow() - DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromMinutes(15)));

    /// <summary>An HTTP client to a replica's REST API (as the sidecar would call it), signed in as <paramref name="user"/>.</summary>
    public HttpClient ApiFor(Guid user, ServiceHost<NotificationsProgram>? replica = null)
    {
        var http = (replica ?? ReplicaA).CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(user));
        return http;
    }

    /// <summary>A client of a replica's hub (or of the gateway's <c>/ws</c>); <c>null</c> credential: anonymous.</summary>
    public HubClient Client(Uri address, string? credential, string? origin = ShopOrigin) => new(new Uri(address, "/ws"), credential, origin);

    public HubClient ClientOf(Guid user, ServiceHost<NotificationsProgram>? replica = null) => Client((replica ?? ReplicaA).Address, TokenFor(user));

    public HubClient Anonymous(ServiceHost<NotificationsProgram>? replica = null) => Client((replica ?? ReplicaA).Address, null);

    private async Task<ServiceHost<NotificationsProgram>> StartReplicaAsync(string components) =>
        await ServiceHost<NotificationsProgram>.StartAsync(_runtime, "notifications", [components], new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Hub:AllowedOrigins:0"] = ShopOrigin,
            ["Hub:RecentMessagesPerChannel"] = RecentMessages.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:MessagesPerSecondPerConnection"] = MessagesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:MaxSubscriptionsPerConnection"] = MaxSubscriptions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:IdleTimeout"] = IdleTimeout.ToString(),
            ["Hub:MaxMessageSize"] = "4096",
        }, configure: web =>
        {
            web.ConfigureLogging(logging => logging.AddProvider(Logs));
            web.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            });
        });

    /// <summary>The real gateway with its sidecar, its hub route pointing at replica A, logging everything.</summary>
    private async Task<Uri> StartGatewayAsync()
    {
        var port = FreePort.Next();
        var sidecar = await _runtime.StartSidecarAsync(new SidecarOptions { AppId = "gateway", AppPort = port, ResourcesPaths = [] });
        _gateway = new WebApplicationFactory<GatewayProgram>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
            foreach (var (key, value) in sidecar.AppEnvironment) web.UseSetting(key, value);
            web.UseSetting("Services:notifications", ReplicaA.Address.ToString());
            web.UseSetting("Gateway:AllowedOrigins:0", ShopOrigin);
            // Request logging turned up, as a developer hunting a bug would: the access token must still stay out.
            web.UseSetting("Logging:LogLevel:Default", "Trace");
            web.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
            web.UseSetting("Logging:LogLevel:Yarp", "Trace");
            web.ConfigureLogging(logging => logging.AddProvider(Logs));
        });
        _gateway.UseKestrel();
        _gateway.StartServer();
        return new Uri($"http://127.0.0.1:{port}");
    }
}

[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<HubHost>
{
    public const string Name = "hub";
}
