using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.IdentityModel.Tokens;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.BuildingBlocks.Tests.Security;

/// <summary>
/// A service on <c>AddJwtAuthentication</c>, with identity's JWKS reached through its sidecar: what it trusts and
/// what it refuses (RFC 8725 best practices: one algorithm, issuer, audience, lifetime, key from the JWKS).
/// </summary>
public sealed class JwtAuthenticationTests : IAsyncLifetime
{
    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private readonly string _components = Directory.CreateTempSubdirectory("jwt-tests-").FullName;
    private TestIdentity _identity = null!;
    private WebApplication _service = null!;
    private LocalSidecar _sidecar = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _identity = await TestIdentity.StartAsync(_runtime, [_components]);
        var port = FreePort.Next();
        _sidecar = await _runtime.StartSidecarAsync(new SidecarOptions { AppId = "catalog", AppPort = port, ResourcesPaths = [_components] });
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(_sidecar.AppEnvironment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)));
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddServiceDefaults();
        builder.AddJwtAuthentication();
        _service = builder.Build();
        _service.MapGet("/me", (ClaimsPrincipal user) => user.FindFirst("sub")!.Value).RequireAuthorization();
        _service.MapGet("/admin/products", () => "editable").RequireAuthorization(Permissions.CatalogWrite);
        _service.MapDefaultEndpoints();
        await _service.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _service.DisposeAsync();
        await _identity.DisposeAsync();
        await _runtime.DisposeAsync();
        Directory.Delete(_components, recursive: true);
    }

    [Fact]
    public async Task A_token_from_identity_is_trusted()
    {
        var response = await GetAsync("/me", _identity.IssueToken("user-42"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("user-42");
    }

    [Fact]
    public async Task No_token_is_a_401_problem()
    {
        var response = await GetAsync("/me", token: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    public static TheoryData<string> Forgeries => ["alg-none", "hs256-with-public-key", "other-audience", "expired", "other-issuer", "tampered", "unknown-key"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_or_foreign_token_is_refused(string forgery)
    {
        var token = forgery switch
        {
            "alg-none" => Unsigned(_identity.IssueToken("user-42", [Permissions.CatalogWrite])),
            "hs256-with-public-key" => _identity.IssueToken("user-42", signWith: new SigningCredentials(
                new SymmetricSecurityKey(_identity.CurrentKey.ECDsa.ExportSubjectPublicKeyInfo()), SecurityAlgorithms.HmacSha256)),
            "other-audience" => _identity.IssueToken("user-42", audience: "someone-else"),
            "expired" => _identity.IssueToken("user-42", lifetime: TimeSpan.FromMinutes(-5)),
            "other-issuer" => _identity.IssueToken("user-42", issuer: "https://evil.example"),
            "tampered" => Tampered(_identity.IssueToken("user-42")),
            "unknown-key" => _identity.IssueToken("user-42", signWith: new SigningCredentials(
                new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "not-published" }, SecurityAlgorithms.EcdsaSha256)),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        (await GetAsync("/me", token)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_customer_on_an_admin_endpoint_is_forbidden_and_a_merchandiser_is_let_in()
    {
        (await GetAsync("/admin/products", _identity.IssueToken("customer-1"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await GetAsync("/admin/products", _identity.IssueToken("merch-1", [Permissions.CatalogWrite], ["merchandiser"]))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_rotated_key_is_trusted_on_its_first_token_and_the_old_key_still_works()
    {
        var oldToken = _identity.IssueToken("user-1");
        (await GetAsync("/me", oldToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        _identity.RotateKey();
        await Task.Delay(IdentityKeySource.RefetchThrottle); // the service refetches at most once per throttle period

        (await GetAsync("/me", _identity.IssueToken("user-2"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAsync("/me", oldToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _client.SendAsync(request);
    }

    /// <summary>The same claims with <c>"alg":"none"</c> and no signature.</summary>
    private static string Unsigned(string token)
    {
        var payload = token.Split('.')[1];
        return $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{payload}.";
    }

    /// <summary>The signature of one payload over another: the subject changed after signing.</summary>
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var claims = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("user-42", "admin-01", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(claims)}.{parts[2]}";
    }
}
