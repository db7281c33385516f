using System.Text.Json;
using SpaceOfSport.Audit.Apis;
using SpaceOfSport.Audit.Ledger;
using SpaceOfSport.Audit.Sources;
using SpaceOfSport.Audit.Tests.Infrastructure;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Audit.V1;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Events.Notifications;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Contracts.Events.Payments;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Audit.Tests;

public sealed class SourceEventTests(AuditHosts hosts) : IClassFixture<AuditHosts>
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_published_price_change_is_recorded_with_digests_of_the_old_and_new_price(string provider)
    {
        var host = hosts[provider];
        var change = new PriceChanged { ProductId = Guid.CreateVersion7(), VariantId = Guid.CreateVersion7(), Sku = "SKU-1", OldPriceMinor = 5999, NewPriceMinor = 4999, Currency = "EUR" };
        using var dapr = host.Service.CreateDaprClient();

        await dapr.PublishEventAsync(DaprComponents.PubSub, IntegrationEvent.Topic<PriceChanged>(), change);

        var entry = await Eventually.ReturnsAsync(() => host.Auditor.QueryAsync(new QueryRequest { Subject = $"variant:{change.VariantId}" }).ResponseAsync,
            page => page.Entries.Count == 1, because: "the price change is recorded");
        entry.Entries[0].Action.Should().Be("spaceofsport.catalog.price-changed.v1");
        entry.Entries[0].SourceEventId.Should().Be(change.Id.ToString());
        entry.Entries[0].BeforeDigest.Should().Be(EntryHashing.DigestOf(new { priceMinor = 5999L, currency = "EUR" }));
        entry.Entries[0].AfterDigest.Should().Be(EntryHashing.DigestOf(new { priceMinor = 4999L, currency = "EUR" }));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_event_delivered_twice_is_one_entry(string provider)
    {
        var host = hosts[provider];
        var refund = new RefundSucceeded { OrderId = Guid.CreateVersion7(), PaymentId = Guid.CreateVersion7(), RefundId = Guid.CreateVersion7(), StripeRefundId = "re_1", Amount = 1500, Currency = "eur", TotalRefunded = 1500 };

        var first = await DeliverAsync(host, refund);
        var second = await DeliverAsync(host, refund);

        first.Should().Be("SUCCESS");
        second.Should().Be("SUCCESS");
        var recorded = await host.Auditor.QueryAsync(new QueryRequest { Subject = $"refund:{refund.RefundId}" });
        recorded.Entries.Should().ContainSingle().Which.SourceEventId.Should().Be(refund.Id.ToString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Only_stock_adjustments_and_order_cancellations_are_critical_among_their_topics(string provider)
    {
        var host = hosts[provider];
        var sku = $"SKU-{Guid.NewGuid():N}";
        var orderId = Guid.CreateVersion7();

        (await DeliverAsync(host, new StockChanged { Sku = sku, Location = "main", OnHand = 10, Reserved = 2, Reason = "reserved" })).Should().Be("SUCCESS");
        (await DeliverAsync(host, new StockChanged { Sku = sku, Location = "main", OnHand = 15, Reserved = 2, Reason = "adjusted" })).Should().Be("SUCCESS");
        (await DeliverAsync(host, OrderMovedTo(orderId, "paid", 2))).Should().Be("SUCCESS");
        (await DeliverAsync(host, OrderMovedTo(orderId, "cancelled", 3))).Should().Be("SUCCESS");

        var stock = await host.Auditor.QueryAsync(new QueryRequest { Subject = $"stock:{sku}@main" });
        stock.Entries.Should().ContainSingle().Which.Action.Should().Be("spaceofsport.inventory.stock-changed.v1");
        var order = await host.Auditor.QueryAsync(new QueryRequest { Subject = $"order:{orderId}" });
        order.Entries.Should().ContainSingle().Which.AfterDigest.Should().Be(EntryHashing.DigestOf(new { status = "cancelled", reason = (string?)"payment-failed" }));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_role_change_is_recorded_as_the_admin_who_made_it(string provider)
    {
        var host = hosts[provider];
        var change = new UserRolesChanged { UserId = Guid.CreateVersion7(), Roles = ["staff", "admin"], ChangedBy = Guid.CreateVersion7() };

        (await DeliverAsync(host, change)).Should().Be("SUCCESS");

        var entry = (await host.Auditor.QueryAsync(new QueryRequest { Subject = $"user:{change.UserId}" })).Entries.Single();
        entry.Actor.Should().Be($"user:{change.ChangedBy}");
        entry.AfterDigest.Should().Be(EntryHashing.DigestOf(new { roles = new[] { "admin", "staff" } }));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_staff_sign_in_is_recorded_as_the_user_with_their_roles(string provider)
    {
        var host = hosts[provider];
        var signIn = new StaffSignedIn { UserId = Guid.CreateVersion7(), Roles = ["staff", "merchandiser"] };

        (await DeliverAsync(host, signIn)).Should().Be("SUCCESS");
        (await DeliverAsync(host, signIn)).Should().Be("SUCCESS");

        var entry = (await host.Auditor.QueryAsync(new QueryRequest { Subject = $"user:{signIn.UserId}" })).Entries.Should().ContainSingle().Subject;
        entry.Action.Should().Be("spaceofsport.identity.staff-signed-in.v1");
        entry.Actor.Should().Be($"user:{signIn.UserId}");
        entry.AfterDigest.Should().Be(EntryHashing.DigestOf(new { roles = new[] { "merchandiser", "staff" } }));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_role_permission_change_is_recorded_with_digests_of_the_permissions_before_and_after(string provider)
    {
        var host = hosts[provider];
        var role = $"role-{Guid.NewGuid():N}";
        var admin = Guid.CreateVersion7();
        var created = new RolePermissionsChanged { Role = role, Change = RolePermissionsChanged.Created, PreviousPermissions = [], Permissions = ["reports:read"], ChangedBy = admin };
        var updated = new RolePermissionsChanged { Role = role, Change = RolePermissionsChanged.Updated, PreviousPermissions = ["reports:read"], Permissions = ["refunds:create", "reports:read"], ChangedBy = admin };
        var deleted = new RolePermissionsChanged { Role = role, Change = RolePermissionsChanged.Deleted, PreviousPermissions = ["refunds:create", "reports:read"], Permissions = [] };

        foreach (var change in new[] { created, updated, deleted }) (await DeliverAsync(host, change)).Should().Be("SUCCESS");

        var entries = (await host.Auditor.QueryAsync(new QueryRequest { Subject = $"role:{role}" })).Entries;
        entries.Select(e => e.Actor).Should().Equal($"user:{admin}", $"user:{admin}", "app:identity");
        entries.Select(e => e.BeforeDigest).Should().Equal("", EntryHashing.DigestOf(new { permissions = new[] { "reports:read" } }),
            EntryHashing.DigestOf(new { permissions = new[] { "refunds:create", "reports:read" } }));
        entries.Select(e => e.AfterDigest).Should().Equal(EntryHashing.DigestOf(new { permissions = new[] { "reports:read" } }),
            EntryHashing.DigestOf(new { permissions = new[] { "refunds:create", "reports:read" } }), "");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_flash_sale_edit_is_recorded_as_the_merchandiser_who_made_it(string provider)
    {
        var host = hosts[provider];
        var edit = new FlashSaleChanged
        {
            FlashSaleId = Guid.CreateVersion7(),
            Change = FlashSaleChanged.Updated,
            Version = 2,
            Name = "Winter",
            ProductIds = [Guid.CreateVersion7()],
            VariantIds = [],
            PercentOff = 30,
            StartsAt = DateTimeOffset.Parse("2026-12-01T08:00:00Z"),
            EndsAt = DateTimeOffset.Parse("2026-12-02T08:00:00Z"),
            ChangedBy = Guid.CreateVersion7(),
        };

        (await DeliverAsync(host, edit)).Should().Be("SUCCESS");

        var entry = (await host.Auditor.QueryAsync(new QueryRequest { Subject = $"flash-sale:{edit.FlashSaleId}" })).Entries.Should().ContainSingle().Subject;
        entry.Action.Should().Be("spaceofsport.catalog.flash-sale-changed.v1");
        entry.Actor.Should().Be($"user:{edit.ChangedBy}");
        entry.AfterDigest.Should().Be(AuditedEvents.FlashSaleChanged(edit)!.AfterDigest);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_webhook_endpoint_change_is_recorded_without_any_secret(string provider)
    {
        var host = hosts[provider];
        var change = new WebhookEndpointChanged
        {
            EndpointId = Guid.CreateVersion7(),
            Change = WebhookEndpointChanged.SecretRotated,
            Url = "https://partner.example/hooks",
            EventTypes = ["order.shipped", "order.paid"],
            ChangedBy = Guid.CreateVersion7(),
        };

        (await DeliverAsync(host, change)).Should().Be("SUCCESS");

        var entry = (await host.Auditor.QueryAsync(new QueryRequest { Subject = $"webhook-endpoint:{change.EndpointId}" })).Entries.Should().ContainSingle().Subject;
        entry.Action.Should().Be("spaceofsport.notifications.webhook-endpoint-changed.v1");
        entry.Actor.Should().Be($"user:{change.ChangedBy}");
        entry.AfterDigest.Should().Be(EntryHashing.DigestOf(new { change = "secret-rotated", url = "https://partner.example/hooks", eventTypes = new[] { "order.paid", "order.shipped" }, enabled = true }));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_unreadable_event_is_dropped(string provider)
    {
        var host = hosts[provider];
        using var http = host.Service.CreateHttpClient();

        var response = await http.PostAsync(SourceEventsApi.RouteOf<PaymentFailed>(), new StringContent("{\"id\": 42", System.Text.Encoding.UTF8, "application/json"));

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("DROP");
    }

    [Fact]
    public async Task Every_audited_topic_is_subscribed_on_the_pubsub()
    {
        var host = hosts[TestDatabases.Sqlite];
        using var http = host.Service.CreateHttpClient();

        var subscriptions = await http.GetFromJsonAsync<JsonElement>("/dapr/subscribe");

        var topics = subscriptions.EnumerateArray().Where(s => s.GetProperty("pubsubName").GetString() == DaprComponents.PubSub)
            .Select(s => s.GetProperty("topic").GetString()).ToList();
        topics.Should().BeEquivalentTo(
            IntegrationEvent.Topic<UserRolesChanged>(), IntegrationEvent.Topic<PriceChanged>(), IntegrationEvent.Topic<FlashSaleStarted>(),
            IntegrationEvent.Topic<FlashSaleEnded>(), IntegrationEvent.Topic<StockChanged>(), IntegrationEvent.Topic<PaymentSucceeded>(),
            IntegrationEvent.Topic<PaymentFailed>(), IntegrationEvent.Topic<PaymentRequiresAction>(), IntegrationEvent.Topic<RefundSucceeded>(),
            IntegrationEvent.Topic<RefundFailed>(), IntegrationEvent.Topic<OrderStatusChanged>(), IntegrationEvent.Topic<StaffSignedIn>(),
            IntegrationEvent.Topic<RolePermissionsChanged>(), IntegrationEvent.Topic<FlashSaleChanged>(), IntegrationEvent.Topic<WebhookEndpointChanged>());
    }

    private static OrderStatusChanged OrderMovedTo(Guid orderId, string status, long sequence) => new()
    {
        OrderId = orderId,
        OrderNumber = "SOS-2026-000001",
        PreviousStatus = "awaiting-payment",
        Status = status,
        Reason = status == "cancelled" ? "payment-failed" : null,
        Sequence = sequence,
    };

    /// <summary>Delivers <paramref name="message"/> as the sidecar does, and returns the status the service answered.</summary>
    private static async Task<string?> DeliverAsync<TEvent>(AuditHost host, TEvent message)
        where TEvent : IntegrationEvent
    {
        using var http = host.Service.CreateHttpClient();
        var response = await http.PostAsJsonAsync(SourceEventsApi.RouteOf<TEvent>(), message, JsonSerializerOptions.Web);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
    }
}
