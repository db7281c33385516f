using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using SpaceOfSport.Gateway.Tests.Infrastructure;

namespace SpaceOfSport.Gateway.Tests.Gateway;

public sealed class GatewayRoutingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Client => fixture.Client;

    // https://docs.dapr.io/developing-applications/building-blocks/service-invocation/howto-invoke-discover-services/
    // ("dapr-app-id" header on the sidecar's HTTP port): the gateway invokes through its own sidecar.
    [Fact]
    public async Task Api_route_reaches_the_service_through_the_sidecars_with_the_rest_of_the_path()
    {
        var echo = await (await Client.GetAsync("/api/catalog/products/42?sport=running")).ShouldBeEchoAsync();

        echo.Method.Should().Be("GET");
        echo.Path.Should().Be("/api/products/42?sport=running");
        // It came through the catalog's sidecar: that one adds the catalog's app API token and drops the routing header.
        echo.Header("dapr-api-token").Should().Be(GatewayFixture.CatalogAppToken);
        echo.Header("dapr-app-id").Should().BeNull();
    }

    [Fact]
    public async Task Api_route_forwards_the_request_body()
    {
        var body = new string('x', 10_000);

        var echo = await (await Client.PostAsync("/api/catalog/cart/items", new StringContent(body, Encoding.UTF8, "application/json"))).ShouldBeEchoAsync();

        echo.Method.Should().Be("POST");
        echo.Path.Should().Be("/api/cart/items");
        echo.BodyLength.Should().Be(body.Length);
        echo.Header("content-type").Should().StartWith("application/json");
    }

    [Fact]
    public async Task Graphql_route_reaches_the_services_graphql_endpoint()
    {
        var query = new StringContent("""{"query":"{ products { name } }"}""", Encoding.UTF8, "application/json");

        var echo = await (await Client.PostAsync("/graphql/catalog", query)).ShouldBeEchoAsync();

        echo.Method.Should().Be("POST");
        echo.Path.Should().Be("/graphql");
    }

    // https://openid.net/specs/openid-connect-discovery-1_0.html section 4: the metadata sits under the issuer's own URL.
    [Theory]
    [InlineData("/.well-known/openid-configuration", "/.well-known/openid-configuration")]
    [InlineData("/.well-known/jwks.json", "/.well-known/jwks.json")]
    [InlineData("/api/identity/.well-known/jwks.json", "/.well-known/jwks.json")]
    [InlineData("/api/identity/.well-known/openid-configuration", "/.well-known/openid-configuration")]
    public async Task Discovery_and_keys_are_published_at_the_public_url_from_identity(string path, string identityPath)
    {
        var echo = await (await Client.GetAsync(path)).ShouldBeEchoAsync();

        echo.Path.Should().Be(identityPath);
        // Identity's sidecar adds identity's app token: the request reached identity, not another app.
        echo.Header("dapr-api-token").Should().Be(GatewayFixture.IdentityAppToken);
    }

    [Fact]
    public async Task Other_well_known_paths_stay_the_storefronts()
    {
        using var response = await Client.GetAsync("/.well-known/security.txt");

        (await response.Content.ReadAsStringAsync()).Should().Be("<html>storefront page /.well-known/security.txt</html>");
    }

    [Fact]
    public async Task A_client_cannot_pick_another_app_with_its_own_dapr_app_id_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products");
        request.Headers.Add("dapr-app-id", "payments");

        var echo = await (await Client.SendAsync(request)).ShouldBeEchoAsync();

        echo.Path.Should().Be("/api/products");
    }

    [Theory]
    [InlineData("/api/nosuchservice/products")]
    [InlineData("/api")]
    [InlineData("/graphql/nosuchservice")]
    public async Task Unknown_service_is_a_404_problem(string path)
    {
        var problem = await (await Client.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.Title.Should().Be("Unknown service");
    }

    // https://docs.dapr.io/reference/api/actors_api/#get-registered-actors: the sidecar asks every app for /dapr/config.
    [Theory]
    [InlineData("/dapr/config")]
    [InlineData("/actors/cart/1/method/get")]
    public async Task A_dapr_callback_the_gateway_does_not_serve_is_a_404_problem_not_a_storefront_page(string path)
    {
        var problem = await (await Client.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.Title.Should().Be("No such callback");
    }

    // https://fetch.spec.whatwg.org/#cors-preflight-fetch
    [Fact]
    public async Task Cors_preflight_is_allowed_for_the_storefront_origin()
    {
        using var response = await Client.SendAsync(Preflight("http://localhost:3000"));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("http://localhost:3000");
        response.Headers.GetValues("Access-Control-Allow-Credentials").Should().Equal("true");
        response.Headers.GetValues("Access-Control-Allow-Methods").Should().ContainSingle().Which.Should().Contain("POST");
    }

    [Fact]
    public async Task Cors_preflight_is_refused_for_any_other_origin()
    {
        using var response = await Client.SendAsync(Preflight("https://elsewhere.example"));

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        response.Headers.Contains("Access-Control-Allow-Methods").Should().BeFalse();
    }

    [Theory]
    [InlineData("/api/catalog/products")]
    [InlineData("/")]
    [InlineData("/api/nosuchservice/products")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var response = await Client.GetAsync(path);

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("strict-origin-when-cross-origin");
        response.Headers.GetValues("Content-Security-Policy").Should().Equal("frame-ancestors 'none'");
        response.Headers.Contains("Server").Should().BeFalse();
        // HSTS only over HTTPS (RFC 6797 section 7.2): this is plain HTTP.
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/products") { Content = new ByteArrayContent(new byte[(1024 * 1024) + 1]) };
        // As curl does for large bodies (RFC 9110 section 10.1.1): the gateway refuses before the body is sent, instead of
        // closing the connection under a client still writing it.
        request.Headers.ExpectContinue = true;

        var problem = await (await Client.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        problem.Detail.Should().Contain("1048576");
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_problem()
    {
        using var content = new StreamContent(new MemoryStream(new byte[(1024 * 1024) + 1]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/products") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await (await Client.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_app_learns_the_client_address_and_a_spoofed_forwarded_header_is_ignored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var echo = await (await Client.SendAsync(request)).ShouldBeEchoAsync();

        // The client the gateway saw, then the address the gateway's sidecar appends for its host (as daprd does).
        echo.Header("X-Forwarded-For").Should().Be("127.0.0.1, 127.0.0.1");
        echo.Header("X-Forwarded-Proto").Should().Be("http");
        echo.Header("X-Forwarded-Host").Should().Be($"{fixture.Gateway.Address.Authority}, {Environment.MachineName}");
    }

    [Fact]
    public async Task Other_paths_are_the_storefronts()
    {
        using var home = await Client.GetAsync("/");
        using var product = await Client.GetAsync("/products/trail-shoe?size=42");

        home.StatusCode.Should().Be(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).Should().Be("<html>storefront page /</html>");
        (await product.Content.ReadAsStringAsync()).Should().Be("<html>storefront page /products/trail-shoe</html>");
    }

    [Fact]
    public async Task The_websocket_hub_is_reached_directly()
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri($"ws://{fixture.Gateway.Address.Authority}/ws"), timeout.Token);

        await socket.SendAsync("cart-updated"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);

        Encoding.UTF8.GetString(buffer, 0, received.Count).Should().Be("cart-updated");
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }

    [Fact]
    public async Task Paths_under_the_hub_reach_the_hub_for_clients_that_negotiate()
    {
        using var negotiated = await Client.PostAsync("/ws/negotiate?negotiateVersion=1", null);

        negotiated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await negotiated.Content.ReadAsStringAsync()).Should().Be("negotiated");
    }

    // https://docs.dapr.io/reference/api/health_api/
    [Fact]
    public async Task Health_endpoints_answer_and_readiness_sees_the_sidecar()
    {
        using var live = await Client.GetAsync("/healthz");
        using var ready = await Client.GetAsync("/readyz");

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/catalog/cart/items");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        return request;
    }
}
