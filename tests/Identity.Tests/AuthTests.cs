using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts.Identity.V1;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>
/// Sign-in over gRPC and over JSON transcoding; refresh-token rotation with reuse detection (OAuth 2.0 Security BCP,
/// RFC 9700 §4.14.2); no account enumeration; lockout (OWASP Authentication Cheat Sheet).
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class AuthTests(IdentityHosts hosts)
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Login_refresh_and_logout_over_grpc(string provider)
    {
        var host = hosts[provider];
        var email = await host.RegisterAsync();

        var login = await host.LoginAsync(email.ToUpperInvariant());

        login.TokenType.Should().Be("Bearer");
        login.ExpiresIn.Should().Be(900);
        var token = new JsonWebToken(login.AccessToken);
        token.Alg.Should().Be("ES256");
        token.Kid.Should().NotBeNullOrEmpty();
        token.Issuer.Should().Be(TokenConventions.DefaultIssuer);
        token.Audiences.Should().Equal(TokenConventions.DefaultAudience);
        token.GetClaim("email").Value.Should().Be(email);
        token.Claims.Where(c => c.Type == "roles").Select(c => c.Value).Should().Equal("customer");
        (token.ValidTo - token.IssuedAt).Should().Be(TimeSpan.FromMinutes(15));

        var refreshed = await host.Auth.RefreshAsync(new RefreshRequest { RefreshToken = login.RefreshToken });
        refreshed.RefreshToken.Should().NotBe(login.RefreshToken);
        new JsonWebToken(refreshed.AccessToken).Subject.Should().Be(token.Subject);

        await host.Auth.LogoutAsync(new LogoutRequest { RefreshToken = refreshed.RefreshToken });
        var afterLogout = async () => await host.Auth.RefreshAsync(new RefreshRequest { RefreshToken = refreshed.RefreshToken });
        (await afterLogout.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Login_refresh_and_logout_as_json(string provider)
    {
        var host = hosts[provider];
        var email = await host.RegisterAsync();

        var login = await host.Http.PostAsJsonAsync("/api/auth/login", new { email, password = IdentityHost.GoodPassword });
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        new JsonWebToken(tokens.GetProperty("accessToken").GetString()).Alg.Should().Be("ES256");

        var refresh = await host.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        refresh.StatusCode.Should().Be(HttpStatusCode.OK);
        var refreshed = await refresh.Content.ReadFromJsonAsync<JsonElement>();

        (await host.Http.PostAsJsonAsync("/api/auth/logout", new { refreshToken = refreshed.GetProperty("refreshToken").GetString() }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refreshed.GetProperty("refreshToken").GetString() }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer(string provider)
    {
        var host = hosts[provider];
        var email = await host.RegisterAsync();

        var wrongPassword = await GrpcFailureAsync(host, email, "not the right password");
        var unknownEmail = await GrpcFailureAsync(host, IdentityHost.NewEmail(), "not the right password");
        wrongPassword.Status.Should().Be(unknownEmail.Status);
        wrongPassword.StatusCode.Should().Be(StatusCode.Unauthenticated);

        var wrongJson = await host.Http.PostAsJsonAsync("/api/auth/login", new { email, password = "not the right password" });
        var unknownJson = await host.Http.PostAsJsonAsync("/api/auth/login", new { email = IdentityHost.NewEmail(), password = "not the right password" });
        wrongJson.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknownJson.StatusCode.Should().Be(wrongJson.StatusCode);
        // Problem documents alike but for the traceId, which names each request.
        (await WithoutTraceIdAsync(unknownJson)).Should().Be(await WithoutTraceIdAsync(wrongJson));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reusing_a_spent_refresh_token_revokes_its_whole_family(string provider)
    {
        var host = hosts[provider];
        var email = await host.RegisterAsync();
        var first = await host.LoginAsync(email);
        var otherSignIn = await host.LoginAsync(email);
        var second = await host.Auth.RefreshAsync(new RefreshRequest { RefreshToken = first.RefreshToken });

        var replay = async () => await host.Auth.RefreshAsync(new RefreshRequest { RefreshToken = first.RefreshToken });
        (await replay.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);

        // The legitimate successor is dead too: the thief and the owner both have to sign in again.
        var successor = async () => await host.Auth.RefreshAsync(new RefreshRequest { RefreshToken = second.RefreshToken });
        (await successor.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        // Another sign-in (another family) is untouched.
        (await host.Auth.RefreshAsync(new RefreshRequest { RefreshToken = otherSignIn.RefreshToken })).AccessToken.Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Five_failures_lock_the_email_with_429_and_retry_after_known_or_not(string provider)
    {
        var host = hosts[provider];
        var known = await host.RegisterAsync();
        foreach (var email in new[] { known, IdentityHost.NewEmail() })
        {
            for (var attempt = 0; attempt < 5; attempt++)
                (await GrpcFailureAsync(host, email, "wrong password again")).StatusCode.Should().Be(StatusCode.Unauthenticated);

            // Even the right password waits now (gRPC: RESOURCE_EXHAUSTED with a retry-after trailer).
            var locked = await GrpcFailureAsync(host, email, IdentityHost.GoodPassword);
            locked.StatusCode.Should().Be(StatusCode.ResourceExhausted);
            int.Parse(locked.Trailers.GetValue("retry-after")!, System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 900);

            var json = await host.Http.PostAsJsonAsync("/api/auth/login", new { email, password = IdentityHost.GoodPassword });
            json.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            json.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 900);
        }
    }

    private static async Task<RpcException> GrpcFailureAsync(IdentityHost host, string email, string password)
    {
        var login = async () => await host.LoginAsync(email, password);
        return (await login.Should().ThrowAsync<RpcException>()).Which;
    }

    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem.Remove("traceId").Should().BeTrue("every problem names its trace");
        return problem.ToJsonString();
    }
}
