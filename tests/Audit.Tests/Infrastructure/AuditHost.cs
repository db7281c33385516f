using System.Security.Cryptography;
using System.Text.Json;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.Audit.Checkpoints;
using SpaceOfSport.Audit.Data;
using SpaceOfSport.Audit.Soap;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.TestSupport;
using AuditProgram = Program;
using LedgerClient = SpaceOfSport.Contracts.Audit.V1.Ledger.LedgerClient;

namespace SpaceOfSport.Audit.Tests.Infrastructure;

/// <summary>
/// The real audit service (h2c) on one database provider with its own local runtime: in-memory pubsub, a secret store
/// holding a checkpoint key made for this host, a fake clock (checkpoints tick when a test advances it), and two more
/// sidecars to call from: app <c>payments</c> (a listed appender) and app <c>storefront</c> (not listed).
/// </summary>
public sealed class AuditHost : IAsyncDisposable
{
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromMinutes(5);

    private readonly LocalDaprRuntime _runtime;
    private readonly LocalSidecar _payments;
    private readonly LocalSidecar _storefront;

    private AuditHost(LocalDaprRuntime runtime, TestIdentity identity, ServiceHost<AuditProgram> service, FakeTimeProvider clock,
        LocalSidecar payments, LocalSidecar storefront, string provider, string ownerConnectionString, ECDsa checkpointKey)
    {
        _runtime = runtime;
        Identity = identity;
        Service = service;
        Clock = clock;
        _payments = payments;
        _storefront = storefront;
        Provider = provider;
        OwnerConnectionString = ownerConnectionString;
        CheckpointKey = checkpointKey;
        Auditor = ClientWithToken(identity.IssueToken("auditor-1", [Permissions.AuditRead], ["auditor"]));
        AsPayments = ThroughSidecarOf(payments);
        AsStorefront = ThroughSidecarOf(storefront);
    }

    public TestIdentity Identity { get; }

    public ServiceHost<AuditProgram> Service { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The auditor the secret store lists for WS-Security UsernameTokens.</summary>
    public const string SoapAuditorName = "external-auditor";

    public const string SoapAuditorPassword = "a long passphrase for the auditors of the test ledger";

    public string Provider { get; }

    /// <summary>The database as its owner (a superuser on PostgreSQL): what an insider with the keys to the database has.</summary>
    public string OwnerConnectionString { get; }

    /// <summary>The checkpoint key the secret store holds (to check signatures as an auditor would).</summary>
    public ECDsa CheckpointKey { get; }

    /// <summary>A client whose calls carry an auditor's token (audit:read), straight to the app.</summary>
    public LedgerClient Auditor { get; }

    /// <summary>App payments calling through its sidecar (Dapr gRPC proxying), as a listed appender does.</summary>
    public LedgerClient AsPayments { get; }

    /// <summary>App storefront calling through its sidecar: not a listed appender.</summary>
    public LedgerClient AsStorefront { get; }

    /// <summary>A client straight to the app whose calls carry <paramref name="token"/> as a bearer token (null: none).</summary>
    public LedgerClient ClientWithToken(string? token) => new(GrpcChannel.ForAddress(Service.Address, new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            if (token is not null) metadata.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        })),
        UnsafeUseInsecureChannelCallCredentials = true,
    }));

    /// <summary>An HTTP/1.1 client on audit's sidecar, invoking audit's methods as another app (or the gateway) does.</summary>
    public HttpClient SidecarHttp() => new()
    {
        BaseAddress = new Uri(Service.Sidecar.HttpEndpoint, "/v1.0/invoke/audit/method/"),
        DefaultRequestVersion = System.Net.HttpVersion.Version11,
    };

    public static async Task<AuditHost> StartAsync(string provider)
    {
        var checkpointKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var secretsFile = Path.Combine(Directory.CreateTempSubdirectory("audit-secrets-").FullName, "secrets.json");
        await File.WriteAllTextAsync(secretsFile, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            [CheckpointKeys.SecretName] = JsonSerializer.Serialize(new { keys = new[] { new { kid = "test-key-1", privateKey = checkpointKey.ExportPkcs8PrivateKeyPem() } } }),
            [SoapAuditors.SecretName] = JsonSerializer.Serialize(new { auditors = new[] { new { username = SoapAuditorName, password = SoapAuditorPassword } } }),
        }));
        var components = await TestComponents.CreateFolderAsync("audit-components", TestComponents.InMemoryPubSub, TestComponents.LocalFileSecretStore(secretsFile));

        var runtime = LocalDaprRuntime.Create();
        var identity = await TestIdentity.StartAsync(runtime, [components]);
        var connectionString = await TestDatabases.CreateAsync(provider, LedgerDatabase.Service);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var service = await ServiceHost<AuditProgram>.StartAsync(runtime, LedgerDatabase.Service, [components], new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            [$"ConnectionStrings:{LedgerDatabase.Service}"] = connectionString,
            ["Audit:Checkpoints:Interval"] = CheckpointInterval.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        }, http2: true, configure: web => web.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        }));
        var payments = await runtime.StartSidecarAsync(new SidecarOptions { AppId = "payments", ResourcesPaths = [components] });
        var storefront = await runtime.StartSidecarAsync(new SidecarOptions { AppId = "storefront", ResourcesPaths = [components] });
        return new AuditHost(runtime, identity, service, clock, payments, storefront, provider, connectionString, checkpointKey);
    }

    private static LedgerClient ThroughSidecarOf(LocalSidecar caller) =>
        new(GrpcChannel.ForAddress(caller.GrpcEndpoint).Intercept(metadata =>
        {
            metadata.Add("dapr-app-id", LedgerDatabase.Service);
            return metadata;
        }));

    public async ValueTask DisposeAsync()
    {
        await _runtime.StopSidecarAsync(_storefront);
        await _runtime.StopSidecarAsync(_payments);
        await Service.DisposeAsync();
        await Identity.DisposeAsync();
        await _runtime.DisposeAsync();
        CheckpointKey.Dispose();
    }
}
