using System.Net.Http.Headers;
using System.Text.Json;
using LocalDapr;
using LocalDapr.PubSub;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Contracts.Identity.V1;
using SpaceOfSport.TestSupport;
using AuthClient = SpaceOfSport.Contracts.Identity.V1.Auth.AuthClient;
using IdentityProgram = Program;

namespace SpaceOfSport.Identity.Tests.Infrastructure;

/// <summary>
/// The real identity service (h2c) on one database provider beside a local sidecar, with an embedded-like component
/// folder: in-memory pubsub and a local-file secret store holding the bootstrap admin.
/// </summary>
public sealed class IdentityHost : IAsyncDisposable
{
    public const string AdminEmail = "admin@identity.test";
    public const string AdminPassword = "bootstrap admin password for tests";

    private readonly LocalDaprRuntime _runtime;
    private readonly bool _ownsRuntime;

    private IdentityHost(LocalDaprRuntime runtime, bool ownsRuntime, ServiceHost<IdentityProgram> service, EventCollector events, string components)
    {
        _runtime = runtime;
        _ownsRuntime = ownsRuntime;
        Service = service;
        Events = events;
        Components = components;
        Auth = new AuthClient(service.CreateGrpcChannel());
        Http = service.CreateHttpClient();
    }

    public ServiceHost<IdentityProgram> Service { get; }

    public AuthClient Auth { get; }

    /// <summary>HTTP/2 (h2c) to the service: REST and transcoded JSON.</summary>
    public HttpClient Http { get; }

    public EventCollector Events { get; }

    /// <summary>The component folder, for other apps started on the same runtime.</summary>
    public string Components { get; }

    public static async Task<IdentityHost> StartAsync(
        string provider,
        IReadOnlyDictionary<string, string?>? settings = null,
        LocalDaprRuntime? runtime = null,
        IReadOnlyDictionary<string, string>? secrets = null,
        string? appApiToken = null)
    {
        var components = Directory.CreateTempSubdirectory("identity-components-").FullName;
        var secretsFile = Path.Combine(components, "secrets.json");
        var secretValues = new Dictionary<string, string>
        {
            ["identity-bootstrap-admin"] = JsonSerializer.Serialize(new { email = AdminEmail, password = AdminPassword }),
        };
        foreach (var (key, value) in secrets ?? new Dictionary<string, string>()) secretValues[key] = value;
        await File.WriteAllTextAsync(secretsFile, JsonSerializer.Serialize(secretValues));
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
            """);

        var ownsRuntime = runtime is null;
        runtime ??= LocalDaprRuntime.Create();
        var configuration = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:identity"] = await TestDatabases.CreateAsync(provider, "identity"),
            ["Logging:LogLevel:Default"] = "Warning",
            // Every test signs in from 127.0.0.1, and many as the bootstrap admin: the per-IP and per-account limits have
            // their own tests with their own hosts (RateLimitTests).
            ["Identity:RateLimits:LoginsPerIpPerMinute"] = "100000",
            ["Identity:RateLimits:LoginsPerAccountPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
        var service = await ServiceHost<IdentityProgram>.StartAsync(runtime, "identity", [components], configuration, http2: true, appApiToken: appApiToken);
        var pubSub = service.Sidecar.Components.Find<IPubSub>(DaprComponents.PubSub, "identity")!;
        var events = await EventCollector.StartAsync(pubSub,
        [
            IntegrationEvent.Topic<UserRegistered>(), IntegrationEvent.Topic<UserRolesChanged>(),
            IntegrationEvent.Topic<UserPasswordChanged>(), IntegrationEvent.Topic<UserDeleted>(),
            IntegrationEvent.Topic<StaffSignedIn>(), IntegrationEvent.Topic<RolePermissionsChanged>(),
        ]);
        return new IdentityHost(runtime, ownsRuntime, service, events, components);
    }

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.test";

    public const string GoodPassword = "correct horse battery staple";

    /// <summary>Registers a customer; returns its email.</summary>
    public async Task<string> RegisterAsync(string? email = null, string password = GoodPassword)
    {
        email ??= NewEmail();
        var response = await Http.PostAsJsonAsync("/api/users", new { email, password, name = "Test User" });
        response.EnsureSuccessStatusCode();
        return email;
    }

    public async Task<TokenResponse> LoginAsync(string email, string password = GoodPassword) =>
        await Auth.LoginAsync(new LoginRequest { Email = email, Password = password });

    /// <summary>A client whose requests carry <paramref name="accessToken"/>.</summary>
    public HttpClient AuthorizedHttp(string accessToken)
    {
        var client = Service.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Events.DisposeAsync();
        await Service.DisposeAsync();
        if (_ownsRuntime) await _runtime.DisposeAsync();
        Directory.Delete(Components, recursive: true);
    }
}
