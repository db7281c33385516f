using System.Net;
using System.Text.Json.Nodes;
using SpaceOfSport.Catalog.Tests.Infrastructure;

namespace SpaceOfSport.Catalog.Tests.GraphQL;

/// <summary>
/// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/) against the seed catalog: search with filters,
/// facets, typo tolerance, sorting and cursors; product and category lookups; depth, complexity and introspection limits.
/// </summary>
public sealed class SearchTests(SeededCatalogHost host) : IClassFixture<SeededCatalogHost>
{
    private const string SearchQuery = """
        query($query: String, $filters: SearchFilter, $sort: SearchSort, $first: Int, $after: String) {
          search(query: $query, filters: $filters, sort: $sort, first: $first, after: $after) {
            totalCount
            nodes { slug name brand { slug name } price { amountMinor currency } unitsSold createdAt category { slug breadcrumbs { slug } } }
            pageInfo { endCursor hasNextPage }
            facets {
              categories { value label count } brands { value count } sports { value count } sizes { value count }
              colours { value count } priceBands { value count } inStock { value count }
            }
          }
        }
        """;

    private async Task<JsonNode> SearchAsync(object variables) => (await host.Reader.DataAsync(SearchQuery, variables))["search"]!;

    private static IEnumerable<string> Names(JsonNode search) => search["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>());

    [Fact]
    public async Task Search_returns_products_with_facet_counts()
    {
        var search = await SearchAsync(new { first = 5 });

        search["totalCount"]!.GetValue<int>().Should().BeGreaterThan(1000, "the seed has 1,200 products, ~95% active");
        search["nodes"]!.AsArray().Should().HaveCount(5);
        var facets = search["facets"]!;
        var total = search["totalCount"]!.GetValue<int>();
        facets["brands"]!.AsArray().Sum(b => b!["count"]!.GetValue<int>()).Should().Be(total, "each product has one brand");
        facets["priceBands"]!.AsArray().Sum(b => b!["count"]!.GetValue<int>()).Should().Be(total);
        facets["inStock"]!.AsArray().Sum(b => b!["count"]!.GetValue<int>()).Should().Be(total);
        facets["sports"]!.AsArray().Select(s => s!["value"]!.GetValue<string>()).Should()
            .Contain(["running", "football", "basketball", "tennis", "cycling", "fitness", "outdoor"]);
        facets["sizes"]!.AsArray().Select(s => s!["value"]!.GetValue<string>()).Should().Contain(["XS", "XXL", "One size", "EU 42 / US 9 / UK 8.5"]);
        var roots = facets["categories"]!.AsArray().Where(c => c!["value"]!.GetValue<string>() is "footwear" or "clothing" or "equipment" or "accessories");
        roots.Sum(c => c!["count"]!.GetValue<int>()).Should().Be(total, "every product sits in exactly one root's subtree");
    }

    [Fact]
    public async Task Full_text_tolerates_typos_in_name_and_brand()
    {
        var exact = await SearchAsync(new { query = "running shoe", first = 50 });
        var typos = await SearchAsync(new { query = "runing shoo", first = 50 });
        var brand = await SearchAsync(new { query = "stridx", first = 50 });

        exact["totalCount"]!.GetValue<int>().Should().BeGreaterThan(10);
        typos["totalCount"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(exact["totalCount"]!.GetValue<int>());
        Names(typos).Take(10).Should().OnlyContain(name => name.Contains("Running Shoe", StringComparison.Ordinal));
        brand["totalCount"]!.GetValue<int>().Should().BeGreaterThan(0);
        brand["nodes"]!.AsArray().Should().OnlyContain(n => n!["brand"]!["slug"]!.GetValue<string>() == "stridex");
    }

    [Fact]
    public async Task A_category_filter_covers_its_whole_subtree()
    {
        var footwear = await SearchAsync(new { filters = new { category = "footwear" }, first = 100 });
        var running = await SearchAsync(new { filters = new { category = "running-shoes" }, first = 100 });

        footwear["nodes"]!.AsArray().Should().OnlyContain(n => n!["category"]!["breadcrumbs"]![0]!["slug"]!.GetValue<string>() == "footwear");
        var runningFacet = footwear["facets"]!["categories"]!.AsArray().Single(c => c!["value"]!.GetValue<string>() == "running-shoes")!;
        runningFacet["count"]!.GetValue<int>().Should().Be(running["totalCount"]!.GetValue<int>());
        running["nodes"]!.AsArray().Select(n => n!["category"]!["slug"]!.GetValue<string>()).Should().OnlyContain(s => s == "road-running-shoes" || s == "trail-running-shoes");
    }

    [Fact]
    public async Task Filters_combine_brand_sport_size_colour_and_price()
    {
        var search = await SearchAsync(new
        {
            filters = new { sports = new[] { "running" }, sizes = new[] { "M" }, colours = new[] { "Black" }, minPrice = 2000L, maxPrice = 5000L },
            first = 100,
        });

        search["totalCount"]!.GetValue<int>().Should().BeGreaterThan(0);
        search["nodes"]!.AsArray().Should().OnlyContain(n =>
            n!["price"]!["amountMinor"]!.GetValue<long>() >= 2000 && n["price"]!["amountMinor"]!.GetValue<long>() <= 5000);
        search["facets"]!["sports"]!.AsArray().Single(s => s!["value"]!.GetValue<string>() == "running")!["count"]!.GetValue<int>()
            .Should().Be(search["totalCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("PRICE_ASC")]
    [InlineData("PRICE_DESC")]
    [InlineData("NEWEST")]
    [InlineData("BEST_SELLING")]
    public async Task Results_are_sorted(string sort)
    {
        var nodes = (await SearchAsync(new { query = "shirt", sort, first = 50 }))["nodes"]!.AsArray();

        nodes.Should().NotBeEmpty();
        var prices = nodes.Select(n => n!["price"]!["amountMinor"]!.GetValue<long>()).ToList();
        var created = nodes.Select(n => n!["createdAt"]!.GetValue<DateTimeOffset>()).ToList();
        var sold = nodes.Select(n => n!["unitsSold"]!.GetValue<int>()).ToList();
        switch (sort)
        {
            case "PRICE_ASC": prices.Should().BeInAscendingOrder(); break;
            case "PRICE_DESC": prices.Should().BeInDescendingOrder(); break;
            case "NEWEST": created.Should().BeInDescendingOrder(); break;
            default: sold.Should().BeInDescendingOrder(); break;
        }
    }

    [Fact]
    public async Task Cursors_page_through_results_without_overlap()
    {
        var first = await SearchAsync(new { query = "jersey", first = 10 });
        var second = await SearchAsync(new { query = "jersey", first = 10, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() });

        first["pageInfo"]!["hasNextPage"]!.GetValue<bool>().Should().BeTrue();
        Names(first).Intersect(Names(second)).Should().BeEmpty();
        second["nodes"]!.AsArray().Should().HaveCount(10);
    }

    [Fact]
    public async Task Product_and_category_by_slug_with_children_and_breadcrumbs()
    {
        var slug = (await SearchAsync(new { filters = new { category = "trail-running-shoes" }, first = 1 }))["nodes"]![0]!["slug"]!.GetValue<string>();
        var data = await host.Reader.DataAsync("""
            query($slug: String!) {
              product(slug: $slug) { name images variants { sku size colour price { amountMinor } inStock } }
              category(slug: "running-shoes") { name children { slug } breadcrumbs { slug } parent { slug } }
            }
            """, new { slug });

        var variants = data["product"]!["variants"]!.AsArray();
        variants.Should().NotBeEmpty();
        variants.Select(v => v!["sku"]!.GetValue<string>()).Should().OnlyContain(sku => System.Text.RegularExpressions.Regex.IsMatch(sku, "^SOS-[0-9]{6}-EU[0-9]{2}-[A-Z]{3}$"));
        data["product"]!["images"]![0]!.GetValue<string>().Should().StartWith("/images/products/shoe-");
        data["category"]!["children"]!.AsArray().Select(c => c!["slug"]!.GetValue<string>()).Should().Equal("road-running-shoes", "trail-running-shoes");
        data["category"]!["breadcrumbs"]!.AsArray().Select(c => c!["slug"]!.GetValue<string>()).Should().Equal("footwear", "running-shoes");
        data["category"]!["parent"]!["slug"]!.GetValue<string>().Should().Be("footwear");
    }

    [Fact]
    public async Task Seed_images_are_served_as_svg()
    {
        var response = await host.Reader.GetAsync("/images/products/shoe-blue-000042.svg");
        var missing = await host.Reader.GetAsync("/images/products/spaceship-blue-000042.svg");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        (await response.Content.ReadAsStringAsync()).Should().StartWith("<svg");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_query_too_deep_is_a_graphql_error_not_a_500()
    {
        var (status, body) = await host.Reader.PostAsync("""
            { category(slug: "footwear") { children { children { children { children { children { children { children { children { children { slug } } } } } } } } } } }
            """);

        status.Should().Be(HttpStatusCode.OK);
        body["errors"]!.AsArray().Should().NotBeEmpty();
        body["errors"]![0]!["message"]!.GetValue<string>().Should().Contain("depth");
    }

    [Fact]
    public async Task A_query_too_complex_is_a_graphql_error_not_a_500()
    {
        var aliases = string.Join("\n", Enumerable.Range(0, 8).Select(i =>
            $"s{i}: search(first: 100) {{ nodes {{ name variants {{ sku size colour price {{ amountMinor currency }} }} }} }}"));
        var (status, body) = await host.Reader.PostAsync($"{{ {aliases} }}");

        status.Should().Be(HttpStatusCode.OK);
        body["errors"]![0]!["message"]!.GetValue<string>().Should().Contain("too complex");
        body["data"].Should().BeNull();
    }

    [Fact]
    public async Task Introspection_is_off_outside_development()
    {
        var (status, body) = await host.Reader.PostAsync("{ __schema { types { name } } }");

        status.Should().Be(HttpStatusCode.OK);
        body["errors"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Bad_arguments_and_bad_requests_are_errors_never_500s()
    {
        var (status, body) = await host.Reader.PostAsync("{ search(first: 1000) { totalCount } }");
        var badCursor = await host.Reader.PostAsync("""{ search(after: "nope") { totalCount } }""");
        var syntax = await host.Reader.PostAsync("{ search(");
        var notJson = await host.Reader.PostAsync("/graphql", new StringContent("not json", System.Text.Encoding.UTF8, "application/json"));
        var get = await host.Reader.GetAsync("/graphql?query=%7B%20search(first%3A%201)%20%7B%20totalCount%20%7D%20%7D");

        status.Should().Be(HttpStatusCode.OK);
        body["errors"]![0]!["message"]!.GetValue<string>().Should().Contain("first");
        badCursor.Body["errors"]!.AsArray().Should().NotBeEmpty();
        syntax.Status.Should().Be(HttpStatusCode.OK);
        syntax.Body["errors"]!.AsArray().Should().NotBeEmpty();
        notJson.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        get.StatusCode.Should().Be(HttpStatusCode.OK);
        (await get.Content.ReadAsStringAsync()).Should().Contain("totalCount");
    }

    // Apollo's automatic persisted queries: https://github.com/apollographql/apollo-link-persisted-queries#protocol
    [Fact]
    public async Task A_persisted_query_unknown_by_its_hash_is_asked_for_once_then_runs_by_hash_alone()
    {
        const string query = "query Named($slug: String!) { product(slug: $slug) { slug name } }";
        var slug = (await SearchAsync(new { first = 2 }))["nodes"]![1]!["slug"]!.GetValue<string>();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(query)));
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } };

        var unknown = await PostJsonAsync(new { variables = new { slug }, extensions });
        var registered = await PostJsonAsync(new { query, variables = new { slug }, extensions });
        var byHash = await PostJsonAsync(new { variables = new { slug }, extensions });
        var byGet = await host.Reader.GetAsync(
            $"/graphql?variables={Uri.EscapeDataString($$"""{"slug":"{{slug}}"}""")}&extensions={Uri.EscapeDataString(System.Text.Json.JsonSerializer.Serialize(extensions))}");

        unknown["errors"]![0]!["message"]!.GetValue<string>().Should().Be("PersistedQueryNotFound", "Apollo clients look for this message");
        unknown["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().Should().Be("PERSISTED_QUERY_NOT_FOUND");
        registered["data"]!["product"]!["slug"]!.GetValue<string>().Should().Be(slug);
        byHash.ToJsonString().Should().Be(registered.ToJsonString());
        (await byGet.Content.ReadAsStringAsync()).Should().Be(registered.ToJsonString());
    }

    [Fact]
    public async Task A_persisted_query_sent_under_another_querys_hash_is_refused_and_not_registered()
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("{ categories { slug } }"u8));
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } };

        var mismatched = await PostJsonAsync(new { query = "{ categories { name } }", extensions });
        var byHash = await PostJsonAsync(new { extensions });
        var unsupported = await PostJsonAsync(new { query = "{ categories { name } }", extensions = new { persistedQuery = new { version = 2, sha256Hash = hash } } });

        mismatched["errors"]![0]!["message"]!.GetValue<string>().Should().Contain("not the SHA-256");
        mismatched["data"].Should().BeNull();
        byHash["errors"]![0]!["message"]!.GetValue<string>().Should().Be("PersistedQueryNotFound");
        unsupported["errors"]![0]!["message"]!.GetValue<string>().Should().StartWith("PersistedQueryNotSupported");
    }

    [Fact]
    public async Task A_document_already_parsed_and_validated_still_meets_the_complexity_limit_with_each_requests_variables()
    {
        var aliases = string.Join("\n", Enumerable.Range(0, 8).Select(i =>
            $"s{i}: search(first: $first) {{ nodes {{ name variants {{ sku size colour price {{ amountMinor currency }} }} }} }}"));
        var query = $"query Wide($first: Int) {{ {aliases} }}";

        var small = await host.Reader.DataAsync(query, new { first = 1 });
        var (status, large) = await host.Reader.PostAsync(query, new { first = 100 });

        small["s0"]!["nodes"]!.AsArray().Should().HaveCount(1);
        status.Should().Be(HttpStatusCode.OK);
        large["errors"]![0]!["message"]!.GetValue<string>().Should().Contain("too complex");
        large["data"].Should().BeNull();
    }

    private async Task<JsonNode> PostJsonAsync(object request)
    {
        using var response = await host.Reader.PostAsJsonAsync("/graphql", request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task The_seed_catalog_is_loaded_on_first_run()
    {
        (await host.CountAsync<Products.Product>()).Should().BeGreaterThanOrEqualTo(1000);
        (await host.CountAsync<Products.Variant>()).Should().BeGreaterThanOrEqualTo(5000);
        (await host.Reader.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
