extern alias analytics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalDapr;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.TestSupport;
using StandardWebhooks;
using AnalyticsDbContext = analytics::SpaceOfSport.Analytics.Data.AnalyticsDbContext;
using AnalyticsProgram = analytics::Program;

namespace SpaceOfSport.Analytics.Tests.Infrastructure;

/// <summary>
/// Analytics alone beside its sidecar on one database provider: identity and the catalog stood in, in-memory pub/sub, the storefront's
/// webhook secret in a file secret store, and a <see cref="FakeTimeProvider"/> as its clock. Events older than a day
/// are accepted here (<c>MaxEventAge</c>), so each test can place its dataset on days of its own.
/// </summary>
public class AnalyticsHost(string provider) : IAsyncLifetime
{
    public const string WebhookSecret = "whsec_dGVzdC1vbmx5LWFuYWx5dGljcy13ZWJob29rLXNlY3JldCE=";

    private static int _nextDays;

    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private readonly string _components = Directory.CreateTempSubdirectory("analytics-").FullName;

    public string Provider => provider;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2031, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public TestIdentity Identity { get; private set; } = null!;

    /// <summary>What analytics reads when a product changes (its facts: brand, category path, sports, variants).</summary>
    public TestCatalog Catalog { get; private set; } = null!;

    public ServiceHost<AnalyticsProgram> Service { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var secrets = Path.Combine(_components, "secrets.json");
        await File.WriteAllTextAsync(secrets, JsonSerializer.Serialize(new { analytics = new { webhookSecret = WebhookSecret } }));
        await File.WriteAllTextAsync(Path.Combine(_components, "pubsub.yaml"), TestComponents.InMemoryPubSub);
        await File.WriteAllTextAsync(Path.Combine(_components, "secretstore.yaml"), TestComponents.LocalFileSecretStore(secrets));
        Identity = await TestIdentity.StartAsync(_runtime, [_components]);
        Catalog = await TestCatalog.StartAsync(_runtime, [_components]);
        Service = await ServiceHost<AnalyticsProgram>.StartAsync(_runtime, "analytics", [_components], new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:Provider"] = provider,
            ["ConnectionStrings:analytics"] = await TestDatabases.CreateAsync(provider, "analytics"),
            ["Analytics:Collection:MaxEventAge"] = "3650.00:00:00",
        }, configure: web => web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock)));
        Http = Service.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Service.DisposeAsync();
        await Identity.DisposeAsync();
        await Catalog.DisposeAsync();
        await _runtime.DisposeAsync();
        Directory.Delete(_components, recursive: true);
    }

    /// <summary>A first day no other test of this run uses, and the <paramref name="days"/> after it (reports are global; dates keep tests apart).</summary>
    public static DateOnly OwnDays(int days = 10) => new DateOnly(2028, 1, 1).AddDays(Interlocked.Add(ref _nextDays, days + 1) - days - 1);

    /// <summary>POSTs a batch to <c>/webhooks/events</c> signed with <paramref name="secret"/> (the storefront's by default) at <paramref name="signedAt"/> (the clock's now).</summary>
    public async Task<HttpResponseMessage> SendBatchAsync(object batch, string? secret = null, DateTimeOffset? signedAt = null, string? messageId = null)
    {
        var payload = JsonSerializer.Serialize(batch, JsonConventions.Create());
        var id = messageId ?? $"msg_{Guid.NewGuid():N}";
        var at = signedAt ?? Clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/events") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(secret ?? WebhookSecret).Sign(id, at, payload));
        return await Http.SendAsync(request);
    }

    /// <summary>Sends a batch that must be accepted; its receipt.</summary>
    public async Task<(int Accepted, int Duplicates)> SendEventsAsync(params object[] events)
    {
        using var response = await SendBatchAsync(new { events });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, body);
        var receipt = JsonNode.Parse(body)!;
        return (receipt["accepted"]!.GetValue<int>(), receipt["duplicates"]!.GetValue<int>());
    }

    /// <summary>Delivers a business event to its subscription route as the sidecar does (the CloudEvent's data as the body); the status answered.</summary>
    public async Task<string> DeliverAsync(string route, object @event)
    {
        using var response = await Http.PostAsJsonAsync(route, @event, JsonConventions.Create());
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>();
    }

    /// <summary>A GraphQL request as <paramref name="token"/>'s holder (anonymous without one): the whole answer.</summary>
    public async Task<JsonNode> GraphQLAsync(string query, object? variables = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The data of a staff request (reports:read) that must succeed.</summary>
    public async Task<JsonNode> ReportAsync(string query, object? variables = null)
    {
        var body = await GraphQLAsync(query, variables, StaffToken());
        body["errors"].Should().BeNull(body.ToJsonString());
        return body["data"]!;
    }

    public string StaffToken() => Identity.IssueToken(Guid.CreateVersion7().ToString(), permissions: [Permissions.ReportsRead], roles: ["staff"]);

    public string CustomerToken(Guid userId) => Identity.IssueToken(userId.ToString());

    /// <summary>Reads analytics' own database in a fresh scope.</summary>
    public async Task<T> QueryAsync<T>(Func<AnalyticsDbContext, Task<T>> query)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>());
    }

    public IServiceScope CreateScope() => Service.Services.CreateScope();

    /// <summary>The catalog announces a product change as it does (analytics then reads the product from <see cref="Catalog"/>).</summary>
    public async Task AnnounceProductAsync(Guid productId, DateTimeOffset at, bool deleted = false) =>
        (await DeliverAsync("/events/catalog/product-changed", new Contracts.Events.Catalog.ProductChanged
        {
            ProductId = productId,
            Slug = $"p-{productId:N}",
            Name = "a product",
            Status = "active",
            Skus = [],
            Deleted = deleted,
            OccurredAt = at,
        })).Should().Be("SUCCESS");
}

public sealed class SqliteAnalyticsHost() : AnalyticsHost(TestDatabases.Sqlite);

public sealed class PostgresAnalyticsHost() : AnalyticsHost(TestDatabases.Postgres);

/// <summary>A usage event as the storefront sends it.</summary>
public static class Usage
{
    public static object Event(string type, DateTimeOffset at, string? visitorId = null, Guid? userId = null, string? path = null, Guid? productId = null,
        string? sku = null, string? size = null, string? query = null, int? resultCount = null, int? quantity = null, Guid? id = null) => new
        {
            id = id ?? Guid.CreateVersion7(),
            type,
            occurredAt = at,
            visitorId = visitorId ?? "v-" + Guid.NewGuid().ToString("N")[..12],
            userId,
            path,
            productId,
            sku,
            size,
            query,
            resultCount,
            quantity,
        };
}
