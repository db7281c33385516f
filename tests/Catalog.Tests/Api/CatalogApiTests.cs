using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Catalog.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Catalog.Tests.Api;

/// <summary>
/// The REST API over real HTTP on one database provider (the concrete classes pick SQLite or PostgreSQL): CRUD, ETags,
/// cursors, bad input, the category tree, events through the outbox and pub/sub (Dapr publish:
/// https://docs.dapr.io/developing-applications/building-blocks/pubsub/howto-publish-subscribe/).
/// </summary>
public abstract class CatalogApiTests<THost>(THost host) : IClassFixture<THost>
    where THost : CatalogHost
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private async Task<JsonNode> CreateAsync(string path, object body)
    {
        var response = await host.Writer.PostAsJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag.Should().NotBeNull();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private async Task<(JsonNode Brand, JsonNode Category)> BrandAndCategoryAsync()
    {
        var brand = await CreateAsync("/api/brands", new { name = "Test Brand", slug = Unique("brand") });
        var category = await CreateAsync("/api/categories", new { name = "Test Category", slug = Unique("cat") });
        return (brand, category);
    }

    private async Task<JsonNode> ProductAsync(string? sku = null, string status = "Active")
    {
        var (brand, category) = await BrandAndCategoryAsync();
        var slug = Unique("product");
        return await CreateAsync("/api/products", new
        {
            name = "Zephyr Test Runner",
            slug,
            description = "A running shoe for tests",
            brandId = brand["id"]!.GetValue<Guid>(),
            categoryId = category["id"]!.GetValue<Guid>(),
            status,
            attributes = new Dictionary<string, string> { ["material"] = "Mesh" },
            variants = new[]
            {
                new { sku = sku ?? $"SOS-{slug[^6..]}-EU42-BLK", size = "EU 42", colour = "Black", priceMinor = 9999L, currency = "EUR", weightGrams = 300 },
            },
        });
    }

    private static HttpRequestMessage Send(HttpMethod method, string path, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task A_product_is_created_read_by_id_and_slug_and_carries_an_etag()
    {
        var product = await ProductAsync();
        var id = product["id"]!.GetValue<Guid>();

        var byId = await host.Reader.GetAsync($"/api/products/{id}");
        var bySlug = await host.Reader.GetFromJsonAsync<JsonNode>($"/api/products/by-slug/{product["slug"]}");

        byId.StatusCode.Should().Be(HttpStatusCode.OK);
        byId.Headers.ETag!.Tag.Should().Be("\"1\"");
        bySlug!["id"]!.GetValue<Guid>().Should().Be(id);
        bySlug["variants"]!.AsArray().Should().ContainSingle().Which!["priceMinor"]!.GetValue<long>().Should().Be(9999);
        bySlug["attributes"]!["material"]!.GetValue<string>().Should().Be("Mesh");
    }

    [Fact]
    public async Task An_update_needs_the_current_etag_428_without_412_when_stale()
    {
        var brand = await CreateAsync("/api/brands", new { name = "Etag Brand", slug = Unique("brand") });
        var path = $"/api/brands/{brand["id"]}";
        var body = new { name = "Renamed", slug = brand["slug"]!.GetValue<string>() };

        var missing = await host.Writer.SendAsync(Send(HttpMethod.Put, path, body, ifMatch: null));
        var updated = await host.Writer.SendAsync(Send(HttpMethod.Put, path, body, "\"1\""));
        var stale = await host.Writer.SendAsync(Send(HttpMethod.Put, path, body, "\"1\""));

        missing.StatusCode.Should().Be(HttpStatusCode.PreconditionRequired);
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        updated.Headers.ETag!.Tag.Should().Be("\"2\"");
        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        stale.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Writes_need_a_token_with_catalog_write()
    {
        var body = new { name = "Nope", slug = Unique("brand") };

        var anonymous = await host.Reader.PostAsJsonAsync("/api/brands", body);
        var customer = await host.Customer.PostAsJsonAsync("/api/brands", body);

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        customer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Invalid_fields_are_a_400_problem_naming_each_field()
    {
        var response = await host.Writer.PostAsJsonAsync("/api/products", new
        {
            name = "",
            slug = "Not A Slug",
            brandId = Guid.NewGuid(),
            variants = new[] { new { sku = "X-1", size = "M", colour = "Red", priceMinor = -5L, currency = "euro" } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Contain(["name", "slug", "brandId", "categoryId", "variants[0].priceMinor", "variants[0].currency"]);
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        var id = Guid.NewGuid();
        foreach (var path in new[] { "products", "categories", "brands", "flash-sales" })
            (await host.Reader.GetAsync($"/api/{path}/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        (await host.Writer.SendAsync(Send(HttpMethod.Put, $"/api/products/{id}", new { name = "x" }, "\"1\""))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Duplicate_slug_or_sku_is_409()
    {
        var product = await ProductAsync();
        var sku = product["variants"]![0]!["sku"]!.GetValue<string>();
        var brand = await CreateAsync("/api/brands", new { name = "Dup", slug = Unique("brand") });

        var sameBrandSlug = await host.Writer.PostAsJsonAsync("/api/brands", new { name = "Dup 2", slug = brand["slug"]!.GetValue<string>() });
        var sameSku = await host.Writer.PostAsJsonAsync($"/api/products/{product["id"]}/variants",
            new { sku, size = "EU 43", colour = "Black", priceMinor = 9999L });

        sameBrandSlug.StatusCode.Should().Be(HttpStatusCode.Conflict);
        sameSku.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Cursor_pagination_walks_every_item_once()
    {
        for (var i = 0; i < 5; i++) await CreateAsync("/api/brands", new { name = $"Paged {i}", slug = Unique("paged") });
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = (await host.Reader.GetFromJsonAsync<JsonNode>($"/api/brands?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}"))!;
            page["items"]!.AsArray().Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page["items"]!.AsArray().Select(b => b!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        seen.Should().OnlyHaveUniqueItems().And.HaveCount(await host.CountAsync<Brands.Brand>());
        (await host.Reader.GetAsync("/api/brands?cursor=not-a-cursor!")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Categories_nest_move_reorder_and_refuse_a_cycle()
    {
        var root = await CreateAsync("/api/categories", new { name = "Root", slug = Unique("root") });
        var child = await CreateAsync("/api/categories", new { name = "Child", slug = Unique("child"), parentId = root["id"]!.GetValue<Guid>() });
        var grandchild = await CreateAsync("/api/categories", new { name = "Grandchild", slug = Unique("grand"), parentId = child["id"]!.GetValue<Guid>() });
        var sibling = await CreateAsync("/api/categories", new { name = "Sibling", slug = Unique("sib"), parentId = root["id"]!.GetValue<Guid>() });

        var breadcrumbs = await host.Reader.GetFromJsonAsync<JsonNode>($"/api/categories/{grandchild["id"]}/breadcrumbs");
        breadcrumbs!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("Root", "Child", "Grandchild");

        var cycle = await host.Writer.SendAsync(Send(HttpMethod.Post, $"/api/categories/{root["id"]}/move",
            new { parentId = grandchild["id"]!.GetValue<Guid>() }, "\"1\""));
        cycle.StatusCode.Should().Be(HttpStatusCode.Conflict);

        var reorder = await host.Writer.SendAsync(Send(HttpMethod.Post, $"/api/categories/{sibling["id"]}/reorder", new { position = 0 }, "\"1\""));
        reorder.StatusCode.Should().Be(HttpStatusCode.OK);
        var moved = await host.Writer.SendAsync(Send(HttpMethod.Post, $"/api/categories/{grandchild["id"]}/move", new { parentId = (Guid?)null }, "\"1\""));
        moved.StatusCode.Should().Be(HttpStatusCode.OK);

        var tree = (await host.Reader.GetFromJsonAsync<JsonNode>("/api/categories/tree"))!.AsArray();
        var rootNode = tree.Single(n => n!["id"]!.GetValue<Guid>() == root["id"]!.GetValue<Guid>())!;
        rootNode["children"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("Sibling", "Child");
        rootNode["children"]![1]!["children"]!.AsArray().Should().BeEmpty();
        tree.Should().Contain(n => n!["id"]!.GetValue<Guid>() == grandchild["id"]!.GetValue<Guid>());
        var movedBreadcrumbs = await host.Reader.GetFromJsonAsync<JsonNode>($"/api/categories/{grandchild["id"]}/breadcrumbs");
        movedBreadcrumbs!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task A_price_change_is_published_through_the_outbox()
    {
        var product = await ProductAsync();
        var variant = product["variants"]![0]!;
        var response = await host.Writer.SendAsync(Send(HttpMethod.Put, $"/api/products/{product["id"]}/variants/{variant["id"]}",
            new { sku = variant["sku"]!.GetValue<string>(), size = "EU 42", colour = "Black", priceMinor = 7999L }, "\"1\""));
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        var sku = variant["sku"]!.GetValue<string>();
        var events = await Eventually.ReturnsAsync(
            () => host.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Payload.Contains(sku)).ToListAsync()),
            rows => rows.Count >= 3 && rows.All(r => r.SentAt != null));
        events.Select(e => e.EventType).Should().Contain(["spaceofsport.catalog.product-changed.v1", "spaceofsport.catalog.price-changed.v1"]);
        events.Should().OnlyContain(e => e.SentAt != null, "the dispatcher publishes through the sidecar");
        events.Single(e => e.EventType.EndsWith("price-changed.v1", StringComparison.Ordinal)).Payload.Should().Contain("\"newPriceMinor\":7999");
    }

    [Fact]
    public async Task The_search_index_follows_catalog_changes_within_a_second()
    {
        var product = await ProductAsync();
        var slug = product["slug"]!.GetValue<string>();
        const string query = "query($slug: String!) { product(slug: $slug) { name price { amountMinor } } }";

        var started = DateTime.UtcNow;
        var found = await Eventually.ReturnsAsync(() => host.Reader.DataAsync(query, new { slug }), data => data["product"] is not null);

        found["product"]!["price"]!["amountMinor"]!.GetValue<long>().Should().Be(9999);
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_sku_lookup_gives_the_price_now_with_an_active_flash_sale_its_limit_and_the_category_path()
    {
        var product = await ProductAsync();
        var sku = product["variants"]![0]!["sku"]!.GetValue<string>();
        await CreateAsync("/api/flash-sales", new
        {
            name = "Lookup sale",
            productIds = new[] { product["id"]!.GetValue<Guid>() },
            percentOff = 20,
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
            perCustomerLimit = 3,
        });

        var lookup = await host.Writer.GetFromJsonAsync<JsonNode>($"/api/skus?sku={sku}&sku=NO-SUCH-SKU");
        var missing = await host.Writer.GetAsync("/api/skus");

        var item = lookup!["items"]!.AsArray().Should().ContainSingle().Subject!;
        item["sku"]!.GetValue<string>().Should().Be(sku);
        item["listPriceMinor"]!.GetValue<long>().Should().Be(9999);
        item["priceMinor"]!.GetValue<long>().Should().Be(8000);
        item["flashSale"]!["perCustomerLimit"]!.GetValue<int>().Should().Be(3);
        item["categoryPath"]!.AsArray().Select(c => c!.GetValue<Guid>()).Should().Equal(product["categoryId"]!.GetValue<Guid>());
        item["weightGrams"]!.GetValue<int>().Should().Be(300);
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_flash_sale_starts_and_ends_on_schedule_with_events_and_prices()
    {
        var product = await ProductAsync();
        var slug = product["slug"]!.GetValue<string>();
        await Eventually.ReturnsAsync(() => host.Reader.DataAsync("query($slug: String!) { product(slug: $slug) { name } }", new { slug }), d => d["product"] is not null);
        var now = DateTimeOffset.UtcNow;
        var sale = await CreateAsync("/api/flash-sales", new
        {
            name = "Two-second sale",
            productIds = new[] { product["id"]!.GetValue<Guid>() },
            percentOff = 20,
            startsAt = now.AddMilliseconds(-100),
            endsAt = now.AddSeconds(3),
            perCustomerLimit = 2,
        });
        const string query = "query($slug: String!) { product(slug: $slug) { onSale price { amountMinor } variants { price { amountMinor } } } }";

        var during = await Eventually.ReturnsAsync(() => host.Reader.DataAsync(query, new { slug }), d => d["product"]?["onSale"]?.GetValue<bool>() == true);
        during["product"]!["price"]!["amountMinor"]!.GetValue<long>().Should().Be(8000, "20% off 99.99 is a 19.99 discount (rounded down to whole cents)");

        var saleId = sale["id"]!.GetValue<Guid>().ToString();
        var events = await Eventually.ReturnsAsync(
            () => host.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Payload.Contains(saleId) && m.EventType != FlashSaleChangedType)
                .OrderBy(m => m.Sequence).Select(m => m.EventType).ToListAsync()),
            types => types.Count == 2, TimeSpan.FromSeconds(30));
        events.Should().Equal("spaceofsport.catalog.flash-sale-started.v1", "spaceofsport.catalog.flash-sale-ended.v1");

        var after = await Eventually.ReturnsAsync(() => host.Reader.DataAsync(query, new { slug }), d => d["product"]?["onSale"]?.GetValue<bool>() == false);
        after["product"]!["price"]!["amountMinor"]!.GetValue<long>().Should().Be(9999);
    }

    private const string FlashSaleChangedType = "spaceofsport.catalog.flash-sale-changed.v1";

    [Fact]
    public async Task Creating_replacing_and_deleting_a_flash_sale_each_announce_the_sale_and_who_changed_it()
    {
        var product = await ProductAsync();
        var body = new
        {
            name = Unique("audited-sale"),
            productIds = new[] { product["id"]!.GetValue<Guid>() },
            percentOff = 10,
            startsAt = DateTimeOffset.UtcNow.AddDays(1),
            endsAt = DateTimeOffset.UtcNow.AddDays(2),
        };
        var sale = await CreateAsync("/api/flash-sales", body);
        var path = $"/api/flash-sales/{sale["id"]}";

        (await host.Writer.SendAsync(Send(HttpMethod.Put, path, body with { percentOff = 25 }, "\"1\""))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.Writer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Headers = { { "If-Match", "\"2\"" } } })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var saleId = sale["id"]!.GetValue<Guid>().ToString();
        var announced = (await host.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.EventType == FlashSaleChangedType && m.Payload.Contains(saleId)).OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync()))
            .Select(payload => JsonNode.Parse(payload)!).ToList();
        announced.Select(e => e["change"]!.GetValue<string>()).Should().Equal("created", "updated", "deleted");
        announced.Select(e => e["version"]!.GetValue<int>()).Should().Equal(1, 2, 2);
        announced.Select(e => e["percentOff"]!.GetValue<int>()).Should().Equal(10, 25, 25);
        announced.Select(e => e["changedBy"]!.GetValue<Guid>()).Should().AllBeEquivalentTo(host.WriterUserId);
    }

    [Fact]
    public async Task Stock_events_from_inventory_drive_the_in_stock_flag()
    {
        var product = await ProductAsync();
        var slug = product["slug"]!.GetValue<string>();
        var sku = product["variants"]![0]!["sku"]!.GetValue<string>();
        using var dapr = host.Service.CreateDaprClient();
        const string query = "query($slug: String!) { product(slug: $slug) { inStock variants { sku inStock } } }";
        var unreported = await Eventually.ReturnsAsync(() => host.Reader.DataAsync(query, new { slug }), d => d["product"] is not null);
        unreported["product"]!["inStock"]!.GetValue<bool>().Should().BeFalse("inventory has not reported any stock yet");
        var topic = SpaceOfSport.Contracts.IntegrationEvent.Topic<SpaceOfSport.Contracts.Events.Inventory.StockChanged>();

        await dapr.PublishEventAsync("pubsub", topic, new SpaceOfSport.Contracts.Events.Inventory.StockChanged { Sku = sku, Location = "main", TotalAvailable = 5, Reason = "registered" });
        await Eventually.ReturnsAsync(() => host.Reader.DataAsync(query, new { slug }), d => d["product"]?["inStock"]?.GetValue<bool>() == true);
        await dapr.PublishEventAsync("pubsub", topic, new SpaceOfSport.Contracts.Events.Inventory.StockChanged { Sku = sku, Location = "main", TotalAvailable = 0, Reason = "reserved" });

        var data = await Eventually.ReturnsAsync(() => host.Reader.DataAsync(query, new { slug }), d => d["product"]?["inStock"]?.GetValue<bool>() == false);
        data["product"]!["inStock"]!.GetValue<bool>().Should().BeFalse();
        data["product"]!["variants"]![0]!["inStock"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task A_running_flash_sale_counts_its_units_down_as_inventory_reports_stock_and_says_when_it_sold_out()
    {
        var product = await ProductAsync();
        var sku = product["variants"]![0]!["sku"]!.GetValue<string>();
        var other = await ProductAsync();
        using var dapr = host.Service.CreateDaprClient();
        var topic = SpaceOfSport.Contracts.IntegrationEvent.Topic<SpaceOfSport.Contracts.Events.Inventory.StockChanged>();
        Task ReportAsync(string reported, long available) => dapr.PublishEventAsync("pubsub", topic,
            new SpaceOfSport.Contracts.Events.Inventory.StockChanged { Sku = reported, Location = "main", TotalAvailable = available, Reason = "reserved" });
        await ReportAsync(sku, 3);
        var sale = await CreateAsync("/api/flash-sales", new
        {
            name = "Countdown sale",
            productIds = new[] { product["id"]!.GetValue<Guid>() },
            percentOff = 50,
            startsAt = DateTimeOffset.UtcNow.AddSeconds(-1),
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
        });
        var saleId = sale["id"]!.GetValue<Guid>();
        var running = await Eventually.ReturnsAsync(() => host.Writer.GetFromJsonAsync<JsonNode>($"/api/flash-sales/{saleId}"),
            s => s!["state"]!.GetValue<string>() == "Started" && s["remainingUnits"]?.GetValue<long>() == 3, TimeSpan.FromSeconds(30));
        running!["unitsStatus"]!.GetValue<string>().Should().Be("low");
        var seenAnonymously = await host.Reader.GetFromJsonAsync<JsonNode>($"/api/flash-sales/{saleId}");
        seenAnonymously!["unitsStatus"]!.GetValue<string>().Should().Be("low");
        seenAnonymously["remainingUnits"].Should().BeNull("anonymous callers get no count below ten units, as on the hub");

        Task<List<JsonNode>> FiguresAsync() => host.QueryAsync(async db => (await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.EventType == "spaceofsport.catalog.flash-sale-stock-changed.v1" && m.Payload.Contains(saleId.ToString()))
                .OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync()).Select(p => JsonNode.Parse(p)!).ToList());
        await ReportAsync(other["variants"]![0]!["sku"]!.GetValue<string>(), 9);
        await ReportAsync(sku, 1);
        await Eventually.ReturnsAsync(FiguresAsync, f => f.Any(x => x["remainingUnits"]!.GetValue<long>() == 1), TimeSpan.FromSeconds(30));
        await ReportAsync(sku, 0);

        var figures = await Eventually.ReturnsAsync(FiguresAsync, f => f.Any(x => x["remainingUnits"]!.GetValue<long>() == 0), TimeSpan.FromSeconds(30));
        figures.Select(f => f["remainingUnits"]!.GetValue<long>()).Should().Equal([1L, 0L], "a SKU outside the sale announces nothing");
        figures[^1]["soldOut"]!.GetValue<bool>().Should().BeTrue();
        figures[0]["soldOut"]!.GetValue<bool>().Should().BeFalse();
        var soldOut = await host.Writer.GetFromJsonAsync<JsonNode>($"/api/flash-sales/{saleId}");
        soldOut!["remainingUnits"]!.GetValue<long>().Should().Be(0);
        soldOut["unitsStatus"]!.GetValue<string>().Should().Be("out");
    }

    [Fact]
    public async Task A_draft_product_is_not_searchable_and_delete_removes_it()
    {
        var product = await ProductAsync(status: "Draft");
        var path = $"/api/products/{product["id"]}";
        var withoutEtag = await host.Writer.DeleteAsync(path);
        var stale = await host.Writer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Headers = { { "If-Match", "\"7\"" } } });
        var response = await host.Writer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Headers = { { "If-Match", "\"1\"" } } });

        withoutEtag.StatusCode.Should().Be(HttpStatusCode.PreconditionRequired);
        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await host.Reader.GetAsync($"/api/products/{product["id"]}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var data = await host.Reader.DataAsync("query($slug: String!) { product(slug: $slug) { name } }", new { slug = product["slug"]!.GetValue<string>() });
        data["product"].Should().BeNull();
    }

    [Fact]
    public async Task Concurrent_creates_each_get_their_own_product_number()
    {
        var (brand, category) = await BrandAndCategoryAsync();
        var creates = Enumerable.Range(0, 8).Select(async i =>
        {
            var slug = Unique("parallel");
            var response = await host.Writer.PostAsJsonAsync("/api/products", new
            {
                name = $"Parallel {i}",
                slug,
                brandId = brand["id"]!.GetValue<Guid>(),
                categoryId = category["id"]!.GetValue<Guid>(),
                variants = new[] { new { sku = $"SOS-P{slug[^8..]}-M-BLK", size = "M", colour = "Black", priceMinor = 1000L } },
            });
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonNode>())!["number"]!.GetValue<int>();
        });

        var numbers = await Task.WhenAll(creates);

        numbers.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_malformed_stock_event_is_dropped_and_a_good_one_applied()
    {
        // https://docs.dapr.io/reference/api/pubsub_api/#expected-http-response: DROP for what redelivery cannot fix.
        async Task<string> DeliverAsync(string body)
        {
            var response = await host.Reader.PostAsync("/events/inventory/stock-changed", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return (await response.Content.ReadFromJsonAsync<JsonNode>())!["status"]!.GetValue<string>();
        }

        var product = await ProductAsync();
        var sku = product["variants"]![0]!["sku"]!.GetValue<string>();

        (await DeliverAsync("not json")).Should().Be("DROP");
        (await DeliverAsync("""{ "sku": "", "location": "main", "totalAvailable": 3, "reason": "adjusted" }""")).Should().Be("DROP");
        (await DeliverAsync($$"""{ "id": "{{Guid.NewGuid()}}", "occurredAt": "{{DateTimeOffset.UtcNow:O}}", "sku": "{{sku}}", "location": "main", "totalAvailable": 3, "reason": "adjusted" }""")).Should().Be("SUCCESS");

        var data = await Eventually.ReturnsAsync(() => host.Reader.DataAsync("query($slug: String!) { product(slug: $slug) { inStock } }", new { slug = product["slug"]!.GetValue<string>() }),
            d => d["product"]?["inStock"]?.GetValue<bool>() == true);
        data["product"]!["inStock"]!.GetValue<bool>().Should().BeTrue();
    }
}
