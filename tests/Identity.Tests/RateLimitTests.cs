using System.Globalization;
using System.Net;
using System.Text.Json;
using Grpc.Core;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>Sign-in rate limits per client IP and per account: RESOURCE_EXHAUSTED / 429 with Retry-After (RFC 9110 §10.2.3).</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private IdentityHost _host = null!;

    public async Task InitializeAsync() => _host = await IdentityHost.StartAsync(TestDatabases.Sqlite, new Dictionary<string, string?>
    {
        ["Identity:RateLimits:LoginsPerIpPerMinute"] = "6",
        ["Identity:RateLimits:LoginsPerAccountPerMinute"] = "2",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Too_many_attempts_per_account_then_per_ip_are_refused_with_retry_after()
    {
        var account = IdentityHost.NewEmail();
        (await FailureAsync(account)).StatusCode.Should().Be(StatusCode.Unauthenticated);
        (await FailureAsync(account)).StatusCode.Should().Be(StatusCode.Unauthenticated);
        var perAccount = await FailureAsync(account);
        perAccount.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        int.Parse(perAccount.Trailers.GetValue("retry-after")!, CultureInfo.InvariantCulture).Should().BeInRange(1, 60);

        // Another account from the same address still gets in, until the address's own limit (6 a minute).
        (await FailureAsync(IdentityHost.NewEmail())).StatusCode.Should().Be(StatusCode.Unauthenticated);
        (await FailureAsync(IdentityHost.NewEmail())).StatusCode.Should().Be(StatusCode.Unauthenticated);
        (await FailureAsync(IdentityHost.NewEmail())).StatusCode.Should().Be(StatusCode.Unauthenticated);
        (await FailureAsync(IdentityHost.NewEmail())).StatusCode.Should().Be(StatusCode.ResourceExhausted);

        var json = await _host.Http.PostAsJsonAsync("/api/auth/login", new { email = IdentityHost.NewEmail(), password = "whatever it is" });
        json.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        json.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        json.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().Should().Be(429);
    }

    private async Task<RpcException> FailureAsync(string email)
    {
        var login = async () => await _host.LoginAsync(email, "a wrong password");
        return (await login.Should().ThrowAsync<RpcException>()).Which;
    }
}
