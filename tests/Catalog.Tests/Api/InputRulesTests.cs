using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SpaceOfSport.Catalog.Categories;
using SpaceOfSport.Catalog.Tests.Infrastructure;

namespace SpaceOfSport.Catalog.Tests.Api;

public sealed class InputRulesOnSqliteTests(SqliteCatalogHost host) : InputRulesTests<SqliteCatalogHost>(host);

public sealed class InputRulesOnPostgresTests(PostgresCatalogHost host) : InputRulesTests<PostgresCatalogHost>(host);

/// <summary>
/// What an outside probe found (issue 9): bad values are refused at the door with a 400 naming the field (or a 422 for a
/// rule of the business), never stored to break a later reader, never a 500 — on either database.
/// </summary>
public abstract class InputRulesTests<THost>(THost host) : IClassFixture<THost>
    where THost : CatalogHost
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private async Task<JsonNode> CreateAsync(string path, object body)
    {
        var response = await host.Writer.PostAsJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>A valid product body as a JSON object, for tests to spoil one field of.</summary>
    private async Task<JsonObject> ProductBodyAsync()
    {
        var brand = await CreateAsync("/api/brands", new { name = "Rules Brand", slug = Unique("brand") });
        var category = await CreateAsync("/api/categories", new { name = "Rules Category", slug = Unique("cat") });
        var slug = Unique("product");
        return new JsonObject
        {
            ["name"] = "Rules Runner",
            ["slug"] = slug,
            ["description"] = "Light.\nFast.",
            ["brandId"] = brand["id"]!.GetValue<Guid>(),
            ["categoryId"] = category["id"]!.GetValue<Guid>(),
            ["status"] = "Active",
            ["ageGroup"] = "Women",
            ["images"] = new JsonArray("/images/products/shoe-blue-000042.svg"),
            ["variants"] = new JsonArray(new JsonObject { ["sku"] = $"SOS-{slug[^6..]}-EU42-BLK", ["size"] = "EU 42", ["colour"] = "Black", ["priceMinor"] = 9999 }),
        };
    }

    private Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        host.Writer.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonObject> ErrorsOf(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject();
    }

    [Fact]
    public async Task A_category_tree_holds_at_most_the_maximum_levels_a_deeper_category_is_a_422_and_the_tree_stays_readable()
    {
        Guid? parentId = null;
        var chain = new List<JsonNode>();
        for (var level = 1; level <= Category.MaxLevels; level++)
        {
            var category = await CreateAsync("/api/categories", new { name = $"Level {level}", slug = Unique("level"), parentId });
            chain.Add(category);
            parentId = category["id"]!.GetValue<Guid>();
        }

        var tooDeep = await host.Writer.PostAsJsonAsync("/api/categories", new { name = "One too many", slug = Unique("deep"), parentId });
        var tree = await host.Reader.GetAsync("/api/categories/tree");

        tooDeep.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        tooDeep.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await tooDeep.Content.ReadFromJsonAsync<JsonNode>())!["maxLevels"]!.GetValue<int>().Should().Be(Category.MaxLevels);
        tree.StatusCode.Should().Be(HttpStatusCode.OK);
        var node = (await tree.Content.ReadFromJsonAsync<JsonArray>())!.Single(n => n!["id"]!.GetValue<Guid>() == chain[0]["id"]!.GetValue<Guid>());
        var levels = 1;
        for (; node!["children"]!.AsArray().Count > 0; levels++) node = node["children"]![0];
        levels.Should().Be(Category.MaxLevels);
    }

    [Fact]
    public async Task Moving_a_subtree_below_the_maximum_levels_is_a_422_and_changes_nothing()
    {
        var top = await CreateAsync("/api/categories", new { name = "Top", slug = Unique("top") });
        var below = await CreateAsync("/api/categories", new { name = "Below", slug = Unique("below"), parentId = top["id"]!.GetValue<Guid>() });
        Guid? parentId = null;
        for (var level = 1; level < Category.MaxLevels; level++)
            parentId = (await CreateAsync("/api/categories", new { name = $"Level {level}", slug = Unique("level"), parentId }))["id"]!.GetValue<Guid>();

        var move = new HttpRequestMessage(HttpMethod.Post, $"/api/categories/{top["id"]}/move") { Content = JsonContent.Create(new { parentId }) };
        move.Headers.TryAddWithoutValidation("If-Match", top["eTag"]!.GetValue<string>());
        var moved = await host.Writer.SendAsync(move);

        moved.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var after = await host.Reader.GetFromJsonAsync<JsonNode>($"/api/categories/{below["id"]}");
        after!["depth"]!.GetValue<int>().Should().Be(1);
    }

    [Theory]
    [InlineData("ageGroup", "99")]
    [InlineData("status", "7")]
    [InlineData("status", "\"Bogus\"")]
    [InlineData("ageGroup", "\"1\"")]
    public async Task An_undefined_enum_value_is_a_400_naming_the_field(string field, string json)
    {
        var body = await ProductBodyAsync();
        body[field] = JsonNode.Parse(json);

        var errors = await ErrorsOf(await PostRawAsync("/api/products", body.ToJsonString()));

        errors.Should().ContainKey(field);
        errors[field]![0]!.GetValue<string>().Should().StartWith("must be one of");
    }

    [Fact]
    public async Task Enum_values_are_read_by_name_in_any_case_or_by_a_defined_number_and_written_by_name()
    {
        var body = await ProductBodyAsync();
        body["ageGroup"] = "kids";
        body["status"] = 1;

        var created = await CreateAsync("/api/products", body);

        created["ageGroup"]!.GetValue<string>().Should().Be("Kids");
        created["status"]!.GetValue<string>().Should().Be("Active");
    }

    [Fact]
    public async Task An_undefined_status_in_the_list_query_is_a_400_naming_it()
    {
        var errors = await ErrorsOf(await host.Reader.GetAsync("/api/products?status=7"));

        errors.Should().ContainKey("status");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("http://images.example.com/shoe.png")]
    [InlineData("//evil.example.com/shoe.png")]
    [InlineData("/images/products/../../admin")]
    [InlineData("/somewhere/else.png")]
    [InlineData("https://user:secret@images.example.com/shoe.png")]
    [InlineData("")]
    public async Task An_image_url_outside_the_image_route_and_https_is_a_400_naming_the_image(string url)
    {
        var body = await ProductBodyAsync();
        body["images"] = new JsonArray("/images/products/shoe-red-000001.svg", url);

        var errors = await ErrorsOf(await PostRawAsync("/api/products", body.ToJsonString()));

        errors.Select(e => e.Key).Should().Equal("images[1]");
    }

    [Fact]
    public async Task Image_urls_under_the_image_route_or_https_are_stored()
    {
        var body = await ProductBodyAsync();
        body["images"] = new JsonArray("/images/products/shoe-blue-000042.svg", "https://images.example.com/shoes/42.png?w=400");

        var created = await CreateAsync("/api/products", body);

        created["images"]!.AsArray().Select(i => i!.GetValue<string>()).Should().Equal("/images/products/shoe-blue-000042.svg", "https://images.example.com/shoes/42.png?w=400");
    }

    [Theory]
    [InlineData("name", "Zephyr\u0000Runner")]
    [InlineData("name", "Zephyr\nRunner")]
    [InlineData("description", "Light\u0000and fast")]
    [InlineData("variants[0].sku", "SOS-1\t2")]
    [InlineData("variants[0].size", "EU\u000142")]
    [InlineData("attributes.material", "Mesh\r\nLeather")]
    public async Task A_control_character_in_a_field_that_is_not_free_text_is_a_400_naming_the_field(string field, string value)
    {
        var body = await ProductBodyAsync();
        switch (field)
        {
            case "attributes.material": body["attributes"] = new JsonObject { ["material"] = value }; break;
            case "variants[0].sku": body["variants"]![0]!["sku"] = value; break;
            case "variants[0].size": body["variants"]![0]!["size"] = value; break;
            default: body[field] = value; break;
        }

        var errors = await ErrorsOf(await PostRawAsync("/api/products", body.ToJsonString()));

        errors.Should().ContainKey(field);
    }

    [Fact]
    public async Task Free_text_keeps_its_line_breaks()
    {
        var body = await ProductBodyAsync();

        var created = await CreateAsync("/api/products", body);

        created["description"]!.GetValue<string>().Should().Be("Light.\nFast.");
    }

    [Fact]
    public async Task A_control_character_in_a_brand_category_or_flash_sale_name_is_a_400_naming_it()
    {
        var brand = await host.Writer.PostAsJsonAsync("/api/brands", new { name = "Bad\u0007Brand", slug = Unique("brand") });
        var category = await host.Writer.PostAsJsonAsync("/api/categories", new { name = "Bad\u001bCategory", slug = Unique("cat") });
        var sale = await host.Writer.PostAsJsonAsync("/api/flash-sales", new
        {
            name = "Sale\u0000",
            productIds = new[] { Guid.NewGuid() },
            percentOff = 10,
            startsAt = DateTimeOffset.UtcNow,
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
        });

        (await ErrorsOf(brand)).Should().ContainKey("name");
        (await ErrorsOf(category)).Should().ContainKey("name");
        (await ErrorsOf(sale)).Should().ContainKey("name");
    }

    [Fact]
    public async Task A_NUL_in_a_path_is_a_400_from_Kestrel_before_any_handler_or_database()
    {
        var response = await host.Reader.GetAsync("/api/products/by-slug/zephyr%00runner");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
    [Fact]
    public async Task Id_lists_longer_than_their_bound_are_a_400_naming_the_list_not_a_database_error()
    {
        var ids = Enumerable.Range(0, 40_000).Select(_ => Guid.NewGuid()).ToArray();
        var body = await ProductBodyAsync();
        body["sportIds"] = new JsonArray([.. ids.Take(21).Select(id => (JsonNode)id.ToString())]);

        var sale = await host.Writer.PostAsJsonAsync("/api/flash-sales", new
        {
            name = "Everything",
            productIds = ids,
            variantIds = ids,
            percentOff = 10,
            startsAt = DateTimeOffset.UtcNow,
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
        });
        var product = await PostRawAsync("/api/products", body.ToJsonString());

        (await ErrorsOf(sale)).Select(e => e.Key).Should().Contain(["productIds", "variantIds"]);
        (await ErrorsOf(product)).Should().ContainKey("sportIds");
    }
    [Fact]
    public async Task A_NUL_in_a_sku_lookup_is_a_400_naming_the_sku()
    {
        var errors = await ErrorsOf(await host.Reader.GetAsync("/api/skus?sku=SOS-000001-M-BLK&sku=SOS%00X"));

        errors.Should().ContainKey("sku");
    }
}
