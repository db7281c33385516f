using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.IdentityModel.JsonWebTokens;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>
/// Tokens from the real identity service, trusted by another service on <c>AddJwtAuthentication</c> that reads
/// identity's JWKS through its own sidecar (Dapr service invocation); key rotation without downtime.
/// </summary>
public sealed class TokenTrustTests : IAsyncLifetime
{
    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private IdentityHost _identity = null!;
    private WebApplication _catalog = null!;
    private HttpClient _catalogClient = null!;

    public async Task InitializeAsync()
    {
        _identity = await IdentityHost.StartAsync(TestDatabases.Sqlite, runtime: _runtime);
        var port = FreePort.Next();
        var sidecar = await _runtime.StartSidecarAsync(new SidecarOptions { AppId = "catalog", AppPort = port, ResourcesPaths = [_identity.Components] });
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(sidecar.AppEnvironment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)));
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddServiceDefaults();
        builder.AddJwtAuthentication();
        _catalog = builder.Build();
        _catalog.MapGet("/me", (ClaimsPrincipal user) => user.FindFirst("sub")!.Value).RequireAuthorization();
        _catalog.MapGet("/admin/products", () => "editable").RequireAuthorization(Permissions.CatalogWrite);
        await _catalog.StartAsync();
        _catalogClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        _catalogClient.Dispose();
        await _catalog.DisposeAsync();
        await _identity.DisposeAsync();
        await _runtime.DisposeAsync();
    }

    [Fact]
    public async Task Another_service_trusts_identitys_tokens_and_enforces_permissions()
    {
        var customer = await _identity.LoginAsync(await _identity.RegisterAsync());
        var admin = await _identity.LoginAsync(IdentityHost.AdminEmail, IdentityHost.AdminPassword);

        var me = await GetAsync("/me", customer.AccessToken);
        me.StatusCode.Should().Be(HttpStatusCode.OK);
        (await me.Content.ReadAsStringAsync()).Should().Be(new JsonWebToken(customer.AccessToken).Subject);
        (await GetAsync("/admin/products", customer.AccessToken)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await GetAsync("/admin/products", admin.AccessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAsync("/me", Tampered(customer.AccessToken))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Discovery_names_the_issuer_and_the_jwks_publishes_the_signing_key()
    {
        var discovery = await _identity.Http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        discovery.GetProperty("issuer").GetString().Should().Be(TokenConventions.DefaultIssuer);
        discovery.GetProperty("id_token_signing_alg_values_supported")[0].GetString().Should().Be("ES256");

        var token = new JsonWebToken((await _identity.LoginAsync(IdentityHost.AdminEmail, IdentityHost.AdminPassword)).AccessToken);
        var keys = await JwksAsync();
        keys.Should().ContainSingle(k => k.GetProperty("kid").GetString() == token.Kid);
        keys.All(k => k.GetProperty("kty").GetString() == "EC" && k.GetProperty("crv").GetString() == "P-256"
            && k.GetProperty("alg").GetString() == "ES256" && !k.TryGetProperty("d", out _)).Should().BeTrue("only public EC P-256 keys are published");
    }

    [Fact]
    public async Task After_a_rotation_new_tokens_use_the_new_key_and_old_tokens_stay_valid()
    {
        var admin = await _identity.LoginAsync(IdentityHost.AdminEmail, IdentityHost.AdminPassword);
        var oldToken = (await _identity.LoginAsync(await _identity.RegisterAsync())).AccessToken;
        (await GetAsync("/me", oldToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var adminHttp = _identity.AuthorizedHttp(admin.AccessToken);
        var rotation = await adminHttp.PostAsync("/api/keys/rotate", null);
        rotation.StatusCode.Should().Be(HttpStatusCode.OK);
        var newKid = (await rotation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kid").GetString();

        var newToken = (await _identity.LoginAsync(await _identity.RegisterAsync())).AccessToken;
        new JsonWebToken(newToken).Kid.Should().Be(newKid).And.NotBe(new JsonWebToken(oldToken).Kid);
        (await JwksAsync()).Select(k => k.GetProperty("kid").GetString()).Should().Contain([newKid, new JsonWebToken(oldToken).Kid]);

        await Task.Delay(IdentityKeySource.RefetchThrottle); // the service refetches the JWKS at most once per throttle period
        (await GetAsync("/me", newToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAsync("/me", oldToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<JsonElement[]> JwksAsync() =>
        [.. (await _identity.Http.GetFromJsonAsync<JsonElement>(TokenConventions.JwksPath)).GetProperty("keys").EnumerateArray()];

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _catalogClient.SendAsync(request);
    }

    /// <summary>Another subject under the original signature.</summary>
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var claims = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]));
        var forged = claims.Replace("\"customer\"", "\"admin\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(forged)}.{parts[2]}";
    }
}
