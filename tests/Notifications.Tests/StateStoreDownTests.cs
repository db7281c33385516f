extern alias notifications;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapr.Client;
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpaceOfSport.TestSupport;
using NotificationsProgram = notifications::Program;

namespace SpaceOfSport.Notifications.Tests;

/// <summary>
/// Issue 9: alerts and tickets answered 500 when the state store did not answer. Here every state call goes to a
/// sidecar port nobody listens on, so the state store never answers; each endpoint must say 503 with Retry-After.
/// </summary>
public sealed class StateStoreDownTests : IAsyncLifetime
{
    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private TestIdentity _identity = null!;
    private ServiceHost<NotificationsProgram> _service = null!;

    public async Task InitializeAsync()
    {
        var components = await TestComponents.CreateFolderAsync("notifications-down-components", TestComponents.InMemoryPubSub,
            TestComponents.SqliteStateStore(Path.Combine(Path.GetTempPath(), $"notifications-down-{Guid.NewGuid():N}.db")));
        _identity = await TestIdentity.StartAsync(_runtime, [components]);
        var nobodyListens = FreePort.Next();
        _service = await ServiceHost<NotificationsProgram>.StartAsync(_runtime, "notifications", [components], configure: web =>
            web.ConfigureTestServices(services =>
            {
                services.RemoveAll<DaprClient>();
                services.AddSingleton(new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{nobodyListens}").Build());
            }));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _identity.DisposeAsync();
        await _runtime.DisposeAsync();
    }

    [Theory]
    [InlineData("GET", "/api/alerts")]
    [InlineData("POST", "/api/alerts")]
    [InlineData("DELETE", "/api/alerts/SKU-DOWN-1")]
    [InlineData("POST", "/api/tickets")]
    public async Task A_state_store_that_does_not_answer_is_a_503_problem_with_retry_after_not_a_500(string method, string path)
    {
        using var api = _service.CreateHttpClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _identity.IssueToken(Guid.CreateVersion7().ToString()));
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = JsonContent.Create(new { sku = "SKU-DOWN-1" });

        using var response = await api.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString().Should().StartWith("state store did not answer");
        response.Headers.RetryAfter?.Delta.Should().Be(TimeSpan.FromSeconds(2));
    }
}
