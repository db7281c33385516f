using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SpaceOfSport.Gateway.Tests.Infrastructure;

namespace SpaceOfSport.Gateway.Tests.Gateway;

/// <summary>The front door for developers: documents, API reference and GraphiQL through the gateway, in Development only.</summary>
public sealed partial class DeveloperPortalTests(DeveloperPortalFixture fixture) : IClassFixture<DeveloperPortalFixture>
{
    private HttpClient Client => fixture.Client;

    private static HttpRequestMessage BrowserGet(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }

    /// <summary>Every asset a page loads: src and href attributes, module imports, Scalar's favicon.</summary>
    private static List<string> References(string html) => [.. SourceOrLink().Matches(html).Select(match => match.Groups["url"].Value)];

    private static void ShouldAllBeLocal(IEnumerable<string> urls) =>
        urls.Should().NotBeEmpty().And.OnlyContain(url => !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains("://", StringComparison.Ordinal),
            "a developer page loads its assets from the gateway, never from a CDN");

    [Fact]
    public async Task In_development_a_services_openapi_document_is_served_through_the_gateway_with_the_paths_the_gateway_serves()
    {
        using var response = await Client.GetAsync("/openapi/catalog.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        document["info"]!["title"]!.GetValue<string>().Should().Be("SpaceOfSport.Catalog | v1");
        document["paths"]!.AsObject().Select(path => path.Key).Should().BeEquivalentTo("/api/catalog/products", "/api/catalog/products/{id}", "/graphql/catalog");
        document["servers"]!.AsArray().Should().ContainSingle().Which!["url"]!.GetValue<string>().Should().Be("/", "try-it calls go through the gateway");
    }

    [Theory]
    [InlineData("/openapi/inventory.json", "No OpenAPI document")]
    [InlineData("/openapi/wishlist.json", "No OpenAPI document")]
    [InlineData("/openapi/payroll.json", "Unknown service")]
    public async Task A_service_without_a_document_is_a_404_problem(string path, string title)
    {
        var problem = await (await Client.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.Title.Should().Be(title);
    }

    [Fact]
    public async Task The_api_reference_lists_the_running_services_documents_and_loads_only_local_assets()
    {
        await Client.GetStringAsync("/scalar/");
        using var response = await Client.GetAsync("/scalar/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        // Asked twice: each page lists the documents once, not once per earlier request.
        Sources().Match(html).Groups["url"].Value.Should().Be("openapi/catalog.json");
        Regex.Count(html, @"""url"":").Should().Be(1, "only catalog, of the three services, serves a document");
        html.Should().Contain("\"withDefaultFonts\":false").And.Contain("\"telemetry\":false");
        var assets = References(html);
        ShouldAllBeLocal(assets);
        foreach (var asset in assets)
        {
            using var loaded = await Client.GetAsync(new Uri(new Uri(Client.BaseAddress!, "/scalar/"), asset));
            loaded.StatusCode.Should().Be(HttpStatusCode.OK, asset);
        }

        // scalar.aspnetcore.js resolves a source against the origin and the base path above /scalar/, here the root.
        (await Client.GetAsync("/" + Sources().Match(html).Groups["url"].Value)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_browser_asking_for_a_graphql_endpoint_gets_graphiql_on_it_with_only_local_assets()
    {
        using var response = await Client.SendAsync(BrowserGet("/graphql/catalog"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("GraphiQL.createFetcher({ url: \"/graphql/catalog\" })");
        var assets = References(html);
        assets.Should().HaveCount(4);
        ShouldAllBeLocal(assets);
        foreach (var asset in assets)
        {
            using var loaded = await Client.GetAsync(asset);
            loaded.StatusCode.Should().Be(HttpStatusCode.OK, asset);
            loaded.Content.Headers.ContentType!.MediaType.Should().BeOneOf("text/javascript", "text/css");
            (await loaded.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(5_000, asset);
        }
    }

    [Fact]
    public async Task A_graphql_client_on_the_same_path_still_reaches_the_service()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/graphql/catalog?query=%7B__typename%7D");
        get.Headers.Add("Accept", "application/graphql-response+json, application/json");

        var echo = await (await Client.SendAsync(get)).ShouldBeEchoAsync();
        var posted = await (await Client.PostAsJsonAsync("/graphql/catalog", new { query = "{ __typename }" })).ShouldBeEchoAsync();

        echo.Path.Should().Be("/graphql?query=%7B__typename%7D");
        posted.Path.Should().Be("/graphql");
    }

    [Fact]
    public async Task Without_graphiqls_assets_a_browser_gets_a_503_problem_saying_how_to_install_them()
    {
        var settings = DeveloperPortalFixture.Services;
        settings["DeveloperPortal:GraphiQLAssets"] = Path.Combine(Path.GetTempPath(), $"no-graphiql-{Guid.NewGuid():N}");
        await using var gateway = await GatewayHost.StartAsync(fixture.Runtime, settings, web => web.UseEnvironment(Environments.Development));

        var problem = await (await gateway.Client.SendAsync(BrowserGet("/graphql/catalog"))).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);

        problem.Detail.Should().Contain("npm");
        (await gateway.Client.GetAsync("/developer/graphiql/graphiql.min.js")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/developer/graphiql/package.json")]
    [InlineData("/developer/graphiql/..%2F..%2Fappsettings.json")]
    public async Task Only_graphiqls_four_files_are_served_from_its_folder(string path)
    {
        (await Client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_developer_index_links_what_is_running()
    {
        var html = await Client.GetStringAsync("/developer");

        References(html).Should().Contain(["/scalar/", "/openapi/catalog.json", "/graphql/catalog", "/.well-known/openid-configuration"])
            .And.NotContain(["/openapi/inventory.json", "/graphql/inventory", "/openapi/wishlist.json", "/graphql/wishlist"]);
    }

    [Fact]
    public async Task In_production_there_are_no_documents_no_api_reference_and_no_graphiql()
    {
        await using var production = await fixture.StartGatewayAsync(Environments.Production);

        foreach (var path in new[] { "/openapi/catalog.json", "/scalar/", "/developer", "/developer/graphiql/graphiql.min.js" })
        {
            using var response = await production.Client.GetAsync(path);
            // Those paths are the storefront's there (which is down in this test).
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, path);
        }

        var echo = await (await production.Client.SendAsync(BrowserGet("/graphql/catalog"))).ShouldBeEchoAsync();
        echo.Path.Should().Be("/graphql", "in production a browser's GET goes to the service like any other");
    }

    [GeneratedRegex("""(?:src|href)="(?<url>[^"]+)"|"favicon":"(?<url>[^"]+)"|import [^']*'(?<url>[^']+)'""")]
    private static partial Regex SourceOrLink();

    [GeneratedRegex(@"""sources"":\[\{""title"":""[^""]*"",""url"":""(?<url>[^""]+)""\}")]
    private static partial Regex Sources();
}
