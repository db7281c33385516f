using System.Net;
using Dapr.Client;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>
/// Issue 9, item 4: sign-ins sent straight to identity with forged X-Forwarded-For addresses were never rate-limited.
/// With the app API token (as the launcher runs it) only the sidecar gets in, and the client counted is the one the
/// gateway named: the entry before the one the calling sidecar appends, never what the client wrote before it.
/// </summary>
public sealed class SidecarPathTests : IAsyncLifetime
{
    private IdentityHost _host = null!;
    private HttpClient _throughSidecar = null!;

    public async Task InitializeAsync()
    {
        _host = await IdentityHost.StartAsync(TestDatabases.Sqlite, new Dictionary<string, string?>
        {
            ["Identity:RateLimits:LoginsPerIpPerMinute"] = "3",
        }, appApiToken: "identity-app-token");
        _throughSidecar = DaprClient.CreateInvokeHttpClient("identity", _host.Service.Sidecar.HttpEndpoint.ToString());
    }

    public async Task DisposeAsync()
    {
        _throughSidecar.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_sign_in_sent_around_the_sidecar_is_a_401_problem_whatever_it_forwards()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = IdentityHost.NewEmail(), password = "a wrong password" }),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Add(ClientAddress.ForwardedForHeader, "203.0.113.7");

        var response = await _host.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Through_the_sidecar_each_client_the_gateway_names_has_its_own_limit_and_forged_entries_change_nothing()
    {
        for (var attempt = 0; attempt < 3; attempt++)
            (await SignInAsync(forwardedFor: $"203.0.113.{attempt}, 198.51.100.1")).Should().Be(HttpStatusCode.Unauthorized);

        (await SignInAsync(forwardedFor: "203.0.113.99, 198.51.100.1")).Should().Be(HttpStatusCode.TooManyRequests,
            "the fourth sign-in of the client the gateway named is over its limit, whatever the client put before it");
        (await SignInAsync(forwardedFor: "198.51.100.2")).Should().Be(HttpStatusCode.Unauthorized, "another client has a limit of its own");
    }

    private async Task<HttpStatusCode> SignInAsync(string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = IdentityHost.NewEmail(), password = "a wrong password" }),
        };
        request.Headers.Add(ClientAddress.ForwardedForHeader, forwardedFor);
        using var response = await _throughSidecar.SendAsync(request);
        return response.StatusCode;
    }
}
