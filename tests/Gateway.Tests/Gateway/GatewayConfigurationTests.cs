using System.Net;
using SpaceOfSport.Gateway.Tests.Infrastructure;

namespace SpaceOfSport.Gateway.Tests.Gateway;

/// <summary>Behaviour that depends on the gateway's configuration or on what is down: one gateway per test.</summary>
public sealed class GatewayConfigurationTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    // RFC 6585 section 4 (429 Too Many Requests, Retry-After).
    [Fact]
    public async Task Past_its_rate_limit_a_client_gets_429_with_retry_after()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Runtime, new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:TokenLimit"] = "3",
            ["Gateway:RateLimit:TokensPerPeriod"] = "1",
            ["Gateway:RateLimit:ReplenishmentPeriod"] = "00:01:00",
        });

        for (var i = 0; i < 3; i++) (await gateway.Client.GetAsync("/api/catalog/products")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var rejected = await gateway.Client.GetAsync("/api/catalog/products");

        var problem = await rejected.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.Title.Should().Be("Too many requests");
        rejected.Headers.RetryAfter.Should().NotBeNull();
        rejected.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        // Probes are never limited: an orchestrator must see the gateway alive while clients are throttled.
        (await gateway.Client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_network_with_a_limit_of_its_own_gets_that_limit_instead_of_the_default()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Runtime, new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:TokenLimit"] = "1",
            ["Gateway:RateLimit:TokensPerPeriod"] = "1",
            ["Gateway:RateLimit:ReplenishmentPeriod"] = "00:01:00",
            ["Gateway:RateLimit:Addresses:0:Network"] = "10.0.0.0/8",
            ["Gateway:RateLimit:Addresses:0:TokenLimit"] = "1000",
            ["Gateway:RateLimit:Addresses:1:Network"] = "127.0.0.0/8",
            ["Gateway:RateLimit:Addresses:1:TokenLimit"] = "4",
            ["Gateway:RateLimit:Addresses:1:TokensPerPeriod"] = "1",
            ["Gateway:RateLimit:Addresses:1:ReplenishmentPeriod"] = "00:01:00",
        });

        // The test client is 127.0.0.1: the second entry's four tokens, not the default's one nor the first entry's thousand.
        for (var i = 0; i < 4; i++) (await gateway.Client.GetAsync("/api/catalog/products")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await gateway.Client.GetAsync("/api/catalog/products")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Forwarded_headers_from_a_known_proxy_name_the_real_client()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Runtime, new Dictionary<string, string?>
        {
            ["Gateway:KnownProxies:0"] = "127.0.0.1",
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "shop.spaceofsport.example");

        var echo = await (await gateway.Client.SendAsync(request)).ShouldBeEchoAsync();

        // What the gateway wrote, then what its sidecar appends for its own host (as daprd's service invocation does).
        echo.Header("X-Forwarded-For").Should().Be("203.0.113.7, 127.0.0.1");
        echo.Header("X-Forwarded-Proto").Should().Be("https");
        echo.Header("X-Forwarded-Host").Should().Be($"shop.spaceofsport.example, {Environment.MachineName}");
    }

    [Fact]
    public async Task Behind_a_known_tls_proxy_answers_carry_hsts()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Runtime, new Dictionary<string, string?>
        {
            ["Gateway:KnownProxies:0"] = "127.0.0.1",
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "shop.spaceofsport.example");

        using var response = await gateway.Client.SendAsync(request);

        response.Headers.GetValues("Strict-Transport-Security").Should().ContainSingle().Which.Should().StartWith("max-age=");
    }

    [Fact]
    public async Task When_the_storefront_is_down_pages_are_a_503_problem()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Runtime, new Dictionary<string, string?>
        {
            ["Storefront:Url"] = PlainApp.Nowhere().ToString(),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/products/trail-shoe");
        request.Headers.Add("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await gateway.Client.SendAsync(request);

        (await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable)).Title.Should().Be("The shop is taking a short break");
        response.ShouldSayRetryAfterAFewSeconds();
    }

    // Issue 9: the first page of a shop that is still starting got the storefront's 500 (its error page: the catalog did
    // not answer yet); a shopper, a crawler and a monitor must read it as temporary.
    [Fact]
    public async Task When_a_page_fails_because_a_service_behind_the_storefront_is_not_ready_it_is_a_503_problem_with_retry_after()
    {
        await using var storefront = await PlainApp.StartAsync(app => app.Map("/{**path}", (HttpContext context) =>
        {
            context.Response.Headers["Set-Cookie"] = "sos_session=renewed; path=/; httponly";
            return Results.Content("<html>The shop is having a moment</html>", "text/html", statusCode: StatusCodes.Status500InternalServerError);
        }));
        await using var gateway = await GatewayHost.StartAsync(fixture.Runtime, new Dictionary<string, string?>
        {
            ["Storefront:Url"] = storefront.Address.ToString(),
        });

        using var response = await gateway.Client.GetAsync("/");

        (await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable)).Title.Should().Be("The shop is taking a short break");
        response.ShouldSayRetryAfterAFewSeconds();
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("sos_session=renewed"), "a renewed sign-in is kept");
    }

    [Fact]
    public async Task Without_a_hub_address_the_websocket_path_is_a_503_problem()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Runtime);

        using var response = await gateway.Client.GetAsync("/ws");

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        response.ShouldSayRetryAfterAFewSeconds();
    }

    // https://docs.dapr.io/reference/api/health_api/: readiness follows the sidecar.
    [Fact]
    public async Task Readiness_fails_once_the_sidecar_is_gone_while_liveness_holds()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Runtime);
        (await gateway.Client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        await fixture.Runtime.StopSidecarAsync(gateway.Sidecar);

        (await gateway.Client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await gateway.Client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_service_whose_sidecar_the_gateway_cannot_reach_is_a_502_problem()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Runtime);
        await fixture.Runtime.StopSidecarAsync(gateway.Sidecar);

        var problem = await (await gateway.Client.GetAsync("/api/catalog/products")).ShouldBeProblemAsync(HttpStatusCode.BadGateway);

        problem.Title.Should().Be("The catalog service could not be reached");
    }

    [Fact]
    public async Task A_configured_service_that_is_not_running_is_a_503_problem_naming_it()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Runtime, new Dictionary<string, string?> { ["Gateway:Services:0"] = "wishlist" });

        using var response = await gateway.Client.GetAsync("/api/wishlist/items");

        (await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable)).Title.Should().Be("The wishlist service is not available");
        response.ShouldSayRetryAfterAFewSeconds();
    }
}
