using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SpaceOfSport.Identity.Auth;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>
/// Every error a client can provoke over HTTP is an RFC 9457 problem document with the status HTTP means, transcoded
/// gRPC included: a malformed body is a 400, a body of the wrong media type a 415, a method a path does not have a 405.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class HttpAnswersTests(IdentityHosts hosts)
{
    private IdentityHost Host => hosts[TestDatabases.Sqlite];

    [Fact]
    public async Task A_malformed_sign_in_body_is_a_400_problem()
    {
        var response = await Host.Http.PostAsync("/api/auth/login", new StringContent("{", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        problem.GetProperty("instance").GetString().Should().Be("/api/auth/login");
    }

    [Fact]
    public async Task A_sign_in_without_a_password_is_a_400_problem_saying_what_is_missing()
    {
        var response = await Host.Http.PostAsJsonAsync("/api/auth/login", new { email = IdentityHost.NewEmail() });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().Should().Be("Email and password are required.");
    }

    [Fact]
    public async Task Wrong_credentials_and_a_bad_refresh_token_are_401_problems()
    {
        var login = await Host.Http.PostAsJsonAsync("/api/auth/login", new { email = IdentityHost.NewEmail(), password = "not the right password" });
        (await ProblemAsync(login, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().Should().Be(AuthService.InvalidCredentials);

        var refresh = await Host.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "forged" });
        await ProblemAsync(refresh, HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string, string?> WrongMediaTypes => new()
    {
        { "/api/users", "text/plain" },
        { "/api/users", "application/xml" },
        { "/api/users", "application/x-www-form-urlencoded" },
        { "/api/users", null },
        { "/api/roles", "text/plain" },
        { "/api/roles", "application/xml" },
        { "/api/roles", "application/x-www-form-urlencoded" },
        { "/api/roles", null },
    };

    [Theory]
    [MemberData(nameof(WrongMediaTypes))]
    public async Task A_body_that_is_not_JSON_is_a_415_problem(string path, string? mediaType)
    {
        var admin = await Host.LoginAsync(IdentityHost.AdminEmail, IdentityHost.AdminPassword);
        using var http = Host.AuthorizedHttp(admin.AccessToken);
        var content = new ByteArrayContent("email=a@b.test&password=x"u8.ToArray());
        if (mediaType is not null) content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);

        var response = await http.PostAsync(path, content);

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("DELETE", "/api/users", "POST")]
    [InlineData("PUT", "/api/users", "POST")]
    [InlineData("GET", "/api/auth/login", "POST")]
    public async Task A_method_the_path_does_not_have_is_a_405_problem_naming_the_allowed_ones(string method, string path, string allowed)
    {
        var response = await Host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

        await ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Contain(allowed);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.TryGetProperty("code", out _).Should().BeFalse("a problem document, not a gRPC status: " + body);
        return problem;
    }
}
