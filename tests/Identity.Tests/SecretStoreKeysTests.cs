using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>
/// Signing keys from the Dapr secret store (https://docs.dapr.io/developing-applications/building-blocks/secrets/):
/// the last key of <c>identity-signing-keys</c> signs, every key is published.
/// </summary>
public sealed class SecretStoreKeysTests : IAsyncLifetime
{
    private readonly ECDsa _previous = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _current = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private IdentityHost _host = null!;

    public async Task InitializeAsync()
    {
        var keys = JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kid = "ops-2026-10", privateKey = _previous.ExportPkcs8PrivateKeyPem() },
                new { kid = "ops-2026-11", privateKey = _current.ExportPkcs8PrivateKeyPem() },
            },
        });
        _host = await IdentityHost.StartAsync(TestDatabases.Sqlite, secrets: new Dictionary<string, string> { ["identity-signing-keys"] = keys });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _previous.Dispose();
        _current.Dispose();
    }

    [Fact]
    public async Task The_last_key_of_the_secret_signs_and_both_are_published()
    {
        var admin = await _host.LoginAsync(IdentityHost.AdminEmail, IdentityHost.AdminPassword);

        var token = new JsonWebToken(admin.AccessToken);
        token.Kid.Should().Be("ops-2026-11");
        var publicKey = new ECDsaSecurityKey(ECDsa.Create(_current.ExportParameters(includePrivateParameters: false))) { KeyId = "ops-2026-11" };
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(admin.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = TokenConventions.DefaultIssuer,
            ValidAudience = TokenConventions.DefaultAudience,
            ValidAlgorithms = [TokenConventions.Algorithm],
            IssuerSigningKey = publicKey,
        });
        validation.IsValid.Should().BeTrue();

        var jwks = await _host.Http.GetFromJsonAsync<JsonElement>(TokenConventions.JwksPath);
        jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).Should().Equal("ops-2026-10", "ops-2026-11");

        using var http = _host.AuthorizedHttp(admin.AccessToken);
        var rotation = await http.PostAsync("/api/keys/rotate", null);
        rotation.StatusCode.Should().Be(HttpStatusCode.OK);
        (await rotation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("source").GetString().Should().Be("secret-store");
    }
}
