extern alias gateway;
extern alias identity;
using System.Net;
using System.Text.Json.Nodes;
using LocalDapr;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpaceOfSport.TestSupport;
using GatewayProgram = gateway::Program;
using IdentityProgram = identity::Program;

namespace SpaceOfSport.Shop.Tests;

/// <summary>
/// Partners and other resource servers find the issuer's metadata and keys at the shop's public URL (the gateway), and
/// the tokens identity issues name that URL as their issuer and are signed with a published key.
/// </summary>
[Collection(nameof(PublicDiscoveryTests))]
public sealed class PublicDiscoveryTests(PublicDiscoveryTests.Shop shop) : IClassFixture<PublicDiscoveryTests.Shop>
{
    // https://openid.net/specs/openid-connect-discovery-1_0.html section 4.3: the issuer in the metadata is the URL it was read under.
    [Fact]
    public async Task The_openid_configuration_at_the_public_url_names_that_url_as_issuer_and_its_keys_beside_it()
    {
        var discovery = (await shop.Gateway.GetFromJsonAsync<JsonNode>("/.well-known/openid-configuration"))!;

        discovery["issuer"]!.GetValue<string>().Should().Be(shop.PublicUrl);
        discovery["jwks_uri"]!.GetValue<string>().Should().Be($"{shop.PublicUrl}/.well-known/jwks.json");
    }

    [Theory]
    [InlineData("/.well-known/jwks.json")]
    [InlineData("/api/identity/.well-known/jwks.json")]
    public async Task The_jwks_is_published_through_the_gateway(string path)
    {
        using var response = await shop.Gateway.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var keys = new JsonWebKeySet(await response.Content.ReadAsStringAsync()).Keys;
        keys.Should().NotBeEmpty().And.OnlyContain(key => key.Kty == "EC" && !key.HasPrivateKey);
    }

    [Fact]
    public async Task A_token_from_a_sign_in_through_the_gateway_validates_against_the_published_issuer_and_keys()
    {
        var email = $"partner-{Guid.NewGuid():N}@example.test";
        const string password = "correct horse battery staple";
        (await shop.Gateway.PostAsJsonAsync("/api/identity/users", new { email, password, name = "Partner" })).StatusCode.Should().Be(HttpStatusCode.Created);
        using var login = await shop.Gateway.PostAsJsonAsync("/api/identity/auth/login", new { email, password });
        login.StatusCode.Should().Be(HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        var accessToken = (await login.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>();

        // What a resource server outside the shop does: metadata from the public URL, keys from its jwks_uri.
        var discovery = (await shop.Gateway.GetFromJsonAsync<JsonNode>("/.well-known/openid-configuration"))!;
        var jwks = new JsonWebKeySet(await shop.Gateway.GetStringAsync(discovery["jwks_uri"]!.GetValue<string>()));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = discovery["issuer"]!.GetValue<string>(),
            ValidateAudience = false,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });

        result.IsValid.Should().BeTrue(result.Exception?.Message);
    }

    /// <summary>Runs alone: password hashing at sign-in is CPU-heavy, and the stock flow's timings need the cores.</summary>
    [CollectionDefinition(nameof(PublicDiscoveryTests), DisableParallelization = true)]
    public sealed class RunsAlone;

    /// <summary>The gateway and the real identity service on one local runtime; identity's issuer is the gateway's URL.</summary>
    public sealed class Shop : IAsyncLifetime
    {
        private readonly string _components = Directory.CreateTempSubdirectory("discovery-tests-").FullName;
        private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
        private ServiceHost<GatewayProgram> _gateway = null!;
        private ServiceHost<IdentityProgram> _identity = null!;

        public HttpClient Gateway { get; private set; } = null!;

        /// <summary>The shop's public URL, without a trailing slash.</summary>
        public string PublicUrl => _gateway.Address.GetLeftPart(UriPartial.Authority);

        public async Task InitializeAsync()
        {
            await File.WriteAllTextAsync(Path.Combine(_components, "pubsub.yaml"), TestComponents.InMemoryPubSub);
            _gateway = await ServiceHost<GatewayProgram>.StartAsync(_runtime, "gateway", [_components], new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
            });
            _identity = await ServiceHost<IdentityProgram>.StartAsync(_runtime, "identity", [_components], new Dictionary<string, string?>
            {
                ["Database:Provider"] = "sqlite",
                ["ConnectionStrings:identity"] = $"Data Source={Path.Combine(_components, "identity.db")}",
                ["Identity:Issuer"] = PublicUrl,
                ["Logging:LogLevel:Default"] = "Error",
            }, http2: true);
            Gateway = new HttpClient { BaseAddress = _gateway.Address };
        }

        public async Task DisposeAsync()
        {
            Gateway.Dispose();
            await _identity.DisposeAsync();
            await _gateway.DisposeAsync();
            await _runtime.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_components, recursive: true);
        }
    }
}
