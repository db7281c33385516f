extern alias notifications;
using System.Net.Http.Headers;
using System.Text.Json;
using LocalDapr;
using MimeKit;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts;
using SpaceOfSport.TestSupport;
using NotificationsProgram = notifications::Program;

namespace SpaceOfSport.Notifications.Tests.Infrastructure;

/// <summary>
/// The notifications service for customer messages: one replica beside a local sidecar whose <c>email</c> and
/// <c>sms</c> output bindings write files (as <c>components/embedded</c>), a stand-in identity answering contacts,
/// in-memory pub/sub and a SQLite state store.
/// </summary>
public sealed class MessagesHost : IAsyncLifetime
{
    public const string ShopOrigin = "http://shop.test";
    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();

    public ServiceHost<NotificationsProgram> Service { get; private set; } = null!;

    public TestIdentity Identity { get; private set; } = null!;

    public string EmailFolder { get; } = Directory.CreateTempSubdirectory("notifications-email-").FullName;

    public string SmsFolder { get; } = Directory.CreateTempSubdirectory("notifications-sms-").FullName;

    public async Task InitializeAsync()
    {
        var components = await TestComponents.CreateFolderAsync("notifications-messages",
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
            TestComponents.SqliteStateStore(Path.Combine(Path.GetTempPath(), $"notifications-messages-{Guid.NewGuid():N}.db")),
            FileBinding(DaprComponents.Email, EmailFolder),
            FileBinding(DaprComponents.Sms, SmsFolder));
        Identity = await TestIdentity.StartAsync(_runtime, [components]);
        Service = await ServiceHost<NotificationsProgram>.StartAsync(_runtime, "notifications", [components], new Dictionary<string, string?>
        {
            ["Hub:AllowedOrigins:0"] = ShopOrigin,
            ["Notifications:ShopUrl"] = "http://shop.test",
            ["Logging:LogLevel:Default"] = "Warning",
        });
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Identity.DisposeAsync();
        await _runtime.DisposeAsync();
        Directory.Delete(EmailFolder, recursive: true);
        Directory.Delete(SmsFolder, recursive: true);
    }

    /// <summary>A customer identity knows, with the channels they turned on.</summary>
    public Guid Customer(bool email = true, bool sms = false, bool push = false, string? locale = null, bool hasPhone = true, string name = "Ana")
    {
        var user = Guid.CreateVersion7();
        var phone = hasPhone ? PhoneOf(user) : null;
        Identity.Contacts[user] = new
        {
            userId = user,
            email = $"{user:N}@example.test",
            name,
            phone,
            locale,
            communication = new { email, sms, push },
        };
        return user;
    }

    /// <summary>A phone number of the customer's own (E.164), so tests find their SMS apart.</summary>
    public static string PhoneOf(Guid user) => $"+49{(uint)user.GetHashCode() % 10_000_000_000L:D10}";

    /// <summary>Delivers an event to a subscription route as the sidecar would (<see cref="EventDelivery"/>); answers the service's status.</summary>
    public Task<string> DeliverAsync<TEvent>(string route, TEvent integrationEvent)
        where TEvent : IntegrationEvent => EventDelivery.DeliverAsync(Service, route, integrationEvent);

    /// <summary>Publishes on <c>pubsub</c> as the owning service would.</summary>
    public async Task PublishAsync<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        using var dapr = Service.CreateDaprClient();
        await dapr.PublishEventAsync(DaprComponents.PubSub, IntegrationEvent.Topic<TEvent>(), integrationEvent);
    }

    /// <summary>The emails written for <paramref name="user"/>'s address, parsed as a mail program reads the <c>.eml</c> files.</summary>
    public IReadOnlyList<MimeMessage> EmailsTo(Guid user) =>
        [.. Directory.EnumerateFiles(EmailFolder, "*.eml", SearchOption.AllDirectories)
            .Select(file => MimeMessage.Load(file))
            .Where(m => m.To.Mailboxes.Any(b => b.Address == $"{user:N}@example.test"))];

    /// <summary>The SMS files written for <paramref name="phone"/>.</summary>
    public IReadOnlyList<JsonElement> SmsTo(string phone) =>
        [.. Directory.EnumerateFiles(SmsFolder, "*.json", SearchOption.AllDirectories)
            .Select(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement)
            .Where(sms => sms.GetProperty("to").GetString() == phone)];

    public HttpClient ApiFor(Guid user, params string[] permissions)
    {
        var http = Service.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Identity.IssueToken(user.ToString(), permissions: permissions));
        return http;
    }

    public HttpClient Staff() => ApiFor(Guid.CreateVersion7(), Permissions.NotificationsRead);

    public HubClient HubClientOf(Guid user) => new(new Uri(Service.Address, "/ws"), Identity.IssueToken(user.ToString()), ShopOrigin);

    private static string FileBinding(string name, string folder) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: bindings.localstorage
          version: v1
          metadata:
            - name: rootPath
              value: "{folder}"
        """;
}

[CollectionDefinition(Name)]
public sealed class MessagesCollection : ICollectionFixture<MessagesHost>
{
    public const string Name = "messages";
}
