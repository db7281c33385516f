using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Inventory.V1;
using SpaceOfSport.Inventory.Apis;
using SpaceOfSport.Inventory.Stock;
using SpaceOfSport.Inventory.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Inventory.Tests;

/// <summary>
/// Inventory learns the catalog's SKUs from product-changed events, published through the sidecar or posted to the
/// subscriber route through the sidecar's service invocation (which shows the app's answer). Answers follow
/// https://docs.dapr.io/reference/api/pubsub_api/#expected-http-response: SUCCESS, or DROP for a malformed event.
/// </summary>
public sealed class CatalogSkuRegistrationTests(InventoryHosts hosts) : IClassFixture<InventoryHosts>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_published_product_changed_registers_each_sku_at_main_with_its_opening_stock(string provider)
    {
        var host = hosts[provider];
        var skus = NewSkus(3);
        using var dapr = host.Service.CreateDaprClient();

        await dapr.PublishEventAsync(DaprComponents.PubSub, IntegrationEvent.Topic<ProductChanged>(), Product(skus));

        var availability = await Eventually.ReturnsAsync(
            () => host.Client.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { skus } }).ResponseAsync, _ => true, because: "the SKUs to be registered");
        foreach (var item in availability.Items)
        {
            item.Locations.Select(l => l.Location).Should().Equal(SkuRegistrar.Location);
            (item.OnHand, item.Reserved, item.Available).Should().Be((OpeningStock.UnitsFor(item.Sku), 0L, OpeningStock.UnitsFor(item.Sku)));
            var changed = await host.Events.WaitForAsync(IntegrationEvent.CloudEventType<StockChanged>(),
                d => d.GetProperty("sku").GetString() == item.Sku && d.GetProperty("reason").GetString() == SkuRegistrar.Reason);
            changed.Data.GetProperty("totalAvailable").GetInt64().Should().Be(OpeningStock.UnitsFor(item.Sku));
        }
        var others = await host.QueryAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.EventType != IntegrationEvent.CloudEventType<StockChanged>() && skus.Any(s => m.Payload.Contains(s))).CountAsync());
        others.Should().Be(0, "a new SKU neither came back in stock nor fell to low stock");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Redelivery_leaves_registered_skus_alone_and_a_changed_product_adds_only_its_new_sku(string provider)
    {
        var host = hosts[provider];
        var skus = NewSkus(2);
        var first = Product(skus);
        (await DeliverAsync(host, first)).Should().Be("SUCCESS");
        await host.Client.AdjustAsync(new AdjustRequest { Sku = skus[0], Location = SkuRegistrar.Location, Delta = 7, Reason = "received" });

        (await DeliverAsync(host, first)).Should().Be("SUCCESS", "a redelivery is no error");
        var added = InventoryCalls.NewSku();
        (await DeliverAsync(host, first with { Id = Guid.CreateVersion7(), Skus = [.. skus, added] })).Should().Be("SUCCESS");

        var items = (await host.Client.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { skus[0], skus[1], added } })).Items;
        items.Select(i => i.OnHand).Should().Equal(OpeningStock.UnitsFor(skus[0]) + 7, OpeningStock.UnitsFor(skus[1]), OpeningStock.UnitsFor(added));
        items.Should().OnlyContain(i => i.Locations.Count == 1);
        (await RegisteredEventsAsync(host, [.. skus, added])).Should().Equal(skus.Append(added).Order().Select(s => (s, 1)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_deliveries_of_one_event_register_each_sku_once(string provider)
    {
        var host = hosts[provider];
        var skus = NewSkus(5);
        var product = Product(skus);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => DeliverAsync(host, product)));

        answers.Should().AllBe("SUCCESS");
        var rows = await host.QueryAsync(db => db.Stock.AsNoTracking().Where(i => skus.Contains(i.Sku)).ToListAsync());
        rows.Select(r => (r.Sku, r.Location, r.OnHand)).Should().BeEquivalentTo(skus.Select(s => (s, SkuRegistrar.Location, (long)OpeningStock.UnitsFor(s))));
        (await RegisteredEventsAsync(host, skus)).Should().Equal(skus.Order().Select(s => (s, 1)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_deleted_product_registers_nothing_and_keeps_the_stock_it_had(string provider)
    {
        var host = hosts[provider];
        var registered = InventoryCalls.NewSku();
        var unknown = InventoryCalls.NewSku();
        (await DeliverAsync(host, Product([registered]))).Should().Be("SUCCESS");

        (await DeliverAsync(host, Product([registered, unknown]) with { Deleted = true })).Should().Be("SUCCESS");

        (await host.Client.AvailabilityAsync(registered)).OnHand.Should().Be(OpeningStock.UnitsFor(registered), "its units still exist");
        var lookup = () => host.Client.AvailabilityAsync(unknown);
        (await lookup.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_malformed_product_changed_is_dropped_and_registers_nothing(string provider)
    {
        var host = hosts[provider];
        var sku = InventoryCalls.NewSku();
        var product = new { productId = Guid.NewGuid(), slug = "p", name = "P", status = "active" };
        var malformed = new Dictionary<string, object?>
        {
            ["no skus"] = product,
            ["null skus"] = new { product.productId, product.slug, product.name, product.status, skus = (string[]?)null },
            ["empty sku"] = new { product.productId, product.slug, product.name, product.status, skus = new[] { sku, "" } },
            ["blank sku"] = new { product.productId, product.slug, product.name, product.status, skus = new[] { sku, "   " } },
            ["null sku"] = new { product.productId, product.slug, product.name, product.status, skus = new[] { sku, null } },
            ["oversized sku"] = new { product.productId, product.slug, product.name, product.status, skus = new[] { sku, new string('X', StockItem.MaxKeyLength + 1) } },
            ["too many skus"] = new { product.productId, product.slug, product.name, product.status, skus = Enumerable.Range(0, CatalogEventsApi.MaxSkusPerEvent + 1).Select(i => $"{sku}-{i}").Prepend(sku) },
            ["skus not a list"] = new { product.productId, product.slug, product.name, product.status, skus = sku },
            ["not an object"] = "product",
        };

        foreach (var (what, data) in malformed)
        {
            (await DeliverAsync(host, data)).Should().Be("DROP", what);
        }
        (await DeliverRawAsync(host, "{ not json", "application/json")).Should().Be("DROP", "a body that is not JSON");

        var lookup = () => host.Client.AvailabilityAsync(sku);
        (await lookup.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound, "no SKU of a dropped event is registered");
    }

    [Fact]
    public async Task Without_opening_stock_a_registered_sku_has_nothing_on_hand()
    {
        await using var host = await InventoryHost.StartAsync(TestDatabases.Sqlite, new Dictionary<string, string?> { ["Inventory:OpeningStock:Enabled"] = "false" });
        var skus = NewSkus(3);

        (await DeliverAsync(host, Product(skus))).Should().Be("SUCCESS");

        var items = (await host.Client.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { skus } })).Items;
        items.Should().OnlyContain(i => i.OnHand == 0 && i.Locations.Single().Location == SkuRegistrar.Location);
    }

    private static List<string> NewSkus(int count) => Enumerable.Range(0, count).Select(_ => InventoryCalls.NewSku()).ToList();

    private static ProductChanged Product(IReadOnlyList<string> skus) => new()
    {
        ProductId = Guid.NewGuid(),
        Slug = "trail-running-shoe",
        Name = "Trail Running Shoe",
        Status = "active",
        Skus = skus,
    };

    /// <summary>Posts <paramref name="data"/> as a CloudEvent to the subscriber route through the sidecar; the app's status.</summary>
    private static Task<string> DeliverAsync(InventoryHost host, object? data)
    {
        var cloudEvent = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["type"] = IntegrationEvent.CloudEventType<ProductChanged>(),
            ["source"] = "catalog",
            ["topic"] = IntegrationEvent.Topic<ProductChanged>(),
            ["pubsubname"] = DaprComponents.PubSub,
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        };
        return DeliverRawAsync(host, JsonSerializer.Serialize(cloudEvent, Json), "application/cloudevents+json");
    }

    private static async Task<string> DeliverRawAsync(InventoryHost host, string body, string contentType)
    {
        // Service invocation (https://docs.dapr.io/reference/api/service_invocation_api/): the sidecar calls the app and relays its answer.
        using var http = new HttpClient { BaseAddress = host.Service.Sidecar.HttpEndpoint };
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await http.PostAsync($"v1.0/invoke/inventory/method{CatalogEventsApi.ProductChangedRoute}", content);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"a delivery is always answered 200 (got {(int)response.StatusCode}: {text})");
        return JsonDocument.Parse(text).RootElement.GetProperty("status").GetString()!;
    }

    /// <summary>How many registered stock-changed events each of <paramref name="skus"/> has in the outbox, by SKU.</summary>
    private static async Task<List<(string Sku, int Count)>> RegisteredEventsAsync(InventoryHost host, IReadOnlyCollection<string> skus)
    {
        var payloads = await host.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.EventType == IntegrationEvent.CloudEventType<StockChanged>() && skus.Any(s => m.Payload.Contains(s)))
            .Select(m => m.Payload).ToListAsync());
        return payloads.Select(p => JsonSerializer.Deserialize<StockChanged>(p, Json)!)
            .Where(e => e.Reason == SkuRegistrar.Reason)
            .GroupBy(e => e.Sku).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
    }
}
