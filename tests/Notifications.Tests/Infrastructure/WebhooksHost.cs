extern alias notifications;
using System.Net.Http.Headers;
using LocalDapr;
using LocalDapr.PubSub;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Notifications;
using SpaceOfSport.TestSupport;
using NotificationsProgram = notifications::Program;

namespace SpaceOfSport.Notifications.Tests.Infrastructure;

/// <summary>
/// The notifications service for partner webhooks: one replica beside a local sidecar (in-memory pub/sub, a SQLite
/// state store, an <c>email</c> file binding for staff mail), a <see cref="FakeTimeProvider"/> as its clock, the
/// partner simulator on 127.0.0.1 (the development host it may reach), and a collector of the events it publishes.
/// </summary>
public sealed class WebhooksHost : IAsyncLifetime
{
    public const string StaffEmail = "webhooks-staff@spaceofsport.test";
    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();

    public ServiceHost<NotificationsProgram> Service { get; private set; } = null!;

    public TestIdentity Identity { get; private set; } = null!;

    public PartnerSimulator Partners { get; private set; } = null!;

    public EventCollector Events { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public string EmailFolder { get; } = Directory.CreateTempSubdirectory("notifications-webhooks-email-").FullName;

    public async Task InitializeAsync()
    {
        var components = await TestComponents.CreateFolderAsync("notifications-webhooks",
            TestComponents.InMemoryPubSub,
            """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: hub-pubsub
            spec:
              type: pubsub.in-memory
              version: v1
            """,
            TestComponents.SqliteStateStore(Path.Combine(Path.GetTempPath(), $"notifications-webhooks-{Guid.NewGuid():N}.db")),
            $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {DaprComponents.Email}
            spec:
              type: bindings.localstorage
              version: v1
              metadata:
                - name: rootPath
                  value: "{EmailFolder}"
            """);
        Partners = await PartnerSimulator.StartAsync();
        Identity = await TestIdentity.StartAsync(_runtime, [components]);
        Service = await ServiceHost<NotificationsProgram>.StartAsync(_runtime, "notifications", [components], new Dictionary<string, string?>
        {
            ["Webhooks:DevelopmentHosts:0"] = "127.0.0.1",
            ["Webhooks:StaffEmail"] = StaffEmail,
            ["Logging:LogLevel:Default"] = "Warning",
        }, configure: web => web.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        }));
        var pubSub = Service.Sidecar.Components.Find<IPubSub>(DaprComponents.PubSub, "notifications")!;
        Events = await EventCollector.StartAsync(pubSub, [IntegrationEvent.Topic<WebhookEndpointChanged>()]);
    }

    public async Task DisposeAsync()
    {
        await Events.DisposeAsync();
        await Service.DisposeAsync();
        await Identity.DisposeAsync();
        await Partners.DisposeAsync();
        await _runtime.DisposeAsync();
        Directory.Delete(EmailFolder, recursive: true);
    }

    public HttpClient ApiFor(Guid user, params string[] permissions)
    {
        var http = Service.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Identity.IssueToken(user.ToString(), permissions: permissions));
        return http;
    }

    public HttpClient Staff(Guid? user = null) => ApiFor(user ?? Guid.CreateVersion7(), Permissions.WebhooksManage);

    /// <summary>Publishes on <c>pubsub</c> as the owning service would (the CloudEvent id is the event's, as the shop's publishers set it).</summary>
    public async Task PublishAsync<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        using var dapr = Service.CreateDaprClient();
        await dapr.PublishIntegrationEventAsync(integrationEvent, CancellationToken.None);
    }

    /// <summary>Registers <paramref name="partner"/> for <paramref name="eventTypes"/> and gives it the secret the shop showed.</summary>
    public async Task<Guid> RegisterAsync(PartnerSimulator.Partner partner, params string[] eventTypes)
    {
        using var staff = Staff();
        using var response = await staff.PostAsJsonAsync("/api/webhooks/endpoints", new { url = partner.Url, eventTypes });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        partner.Secret = created.GetProperty("secret").GetString();
        return created.GetProperty("endpoint").GetProperty("id").GetGuid();
    }

    /// <summary>The endpoint's delivery of one event as the log shows it (null until it is queued).</summary>
    public async Task<System.Text.Json.JsonElement?> DeliveryAsync(Guid endpointId, Guid eventId)
    {
        using var staff = Staff();
        using var response = await staff.GetAsync($"/api/webhooks/endpoints/{endpointId}/deliveries/{eventId}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>() : null;
    }
}

[CollectionDefinition(Name)]
public sealed class WebhooksCollection : ICollectionFixture<WebhooksHost>
{
    public const string Name = "webhooks";
}
