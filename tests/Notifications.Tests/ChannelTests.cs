extern alias notifications;
using Microsoft.AspNetCore.SignalR;
using SpaceOfSport.Contracts.Events.Cart;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Notifications.Tests.Infrastructure;

namespace SpaceOfSport.Notifications.Tests;

[Collection(HubCollection.Name)]
public sealed class ChannelTests(HubHost host)
{
    [Fact]
    public async Task Two_tabs_of_one_user_both_see_the_cart_change_with_its_version()
    {
        var user = Guid.CreateVersion7();
        await using var first = await host.ClientOf(user).StartAsync();
        await using var second = await host.ClientOf(user, host.ReplicaB).StartAsync();
        await first.SubscribeAsync($"cart:{user}");
        await second.SubscribeAsync($"cart:{user}");

        await host.PublishAsync(new CartChanged { CartId = "cart-1", UserId = user, Version = 7, LineCount = 2, TotalQuantity = 3 });

        foreach (var tab in new[] { first, second })
        {
            var message = await tab.WaitForAsync($"cart:{user}");
            message.Type.Should().Be("cart-changed");
            message.Data.GetProperty("version").GetInt64().Should().Be(7);
            message.Data.GetProperty("totalQuantity").GetInt32().Should().Be(3);
        }

        first.Received.Single().Sequence.Should().Be(second.Received.Single().Sequence, "both replicas number the channel alike");
    }

    [Fact]
    public async Task A_customer_follows_the_status_timeline_of_their_orders()
    {
        var user = Guid.CreateVersion7();
        var order = Guid.CreateVersion7();
        await using var tab = await host.ClientOf(user, host.ReplicaB).StartAsync();
        await tab.SubscribeAsync($"orders:{user}");

        await host.PublishAsync(new OrderStatusChanged { OrderId = order, OrderNumber = "SOS-2026-000001", UserId = user, Status = "paid", PreviousStatus = "awaiting-payment", Sequence = 2 });
        await host.PublishAsync(new OrderStatusChanged { OrderId = order, OrderNumber = "SOS-2026-000001", UserId = user, Status = "shipped", PreviousStatus = "paid", Sequence = 3 });

        await TestSupport.Eventually.UntilAsync(() => tab.Received.Count(m => m.Channel == $"orders:{user}") == 2, "both transitions");
        tab.Received.Select(m => m.Data.GetProperty("status").GetString()).Should().BeEquivalentTo(["paid", "shipped"]);
        tab.Received.Should().OnlyContain(m => m.Type == "order-status-changed" && m.Data.GetProperty("orderId").GetGuid() == order);
    }

    [Fact]
    public async Task Nobody_may_subscribe_to_another_users_channel_and_nobody_receives_it()
    {
        var owner = Guid.CreateVersion7();
        await using var intruder = await host.ClientOf(Guid.CreateVersion7()).StartAsync();

        foreach (var channel in new[] { $"cart:{owner}", $"orders:{owner}", $"notifications:{owner}" })
        {
            var refused = await intruder.Invoking(c => c.SubscribeAsync(channel)).Should().ThrowAsync<HubException>();
            refused.Which.Message.Should().Contain("not-found");
        }

        await using var ownerTab = await host.ClientOf(owner).StartAsync();
        await ownerTab.SubscribeAsync($"cart:{owner}");
        await host.PublishAsync(new CartChanged { CartId = "cart-2", UserId = owner, Version = 1, LineCount = 1, TotalQuantity = 1 });
        await ownerTab.WaitForAsync($"cart:{owner}");
        intruder.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task An_anonymous_connection_joins_public_channels_only()
    {
        await using var anonymous = await host.Anonymous().StartAsync();

        var stock = await anonymous.SubscribeAsync("stock:SKU-ANON-1");
        var sales = await anonymous.SubscribeAsync("flash-sales");
        var cart = await anonymous.Invoking(c => c.SubscribeAsync($"cart:{Guid.CreateVersion7()}")).Should().ThrowAsync<HubException>();

        stock.Channel.Should().Be("stock:SKU-ANON-1");
        sales.Channel.Should().Be("flash-sales");
        cart.Which.Message.Should().Contain("not-found");
    }

    [Fact]
    public async Task Anonymous_shoppers_see_low_stock_without_its_count_signed_in_ones_with_it()
    {
        var sku = $"SKU-LOW-{Guid.NewGuid():N}"[..20];
        await using var anonymous = await host.Anonymous().StartAsync();
        await using var signedIn = await host.ClientOf(Guid.CreateVersion7(), host.ReplicaB).StartAsync();
        await anonymous.SubscribeAsync($"stock:{sku}");
        await signedIn.SubscribeAsync($"stock:{sku}");

        await host.PublishAsync(new StockChanged { Sku = sku, Location = "main", OnHand = 3, Available = 3, TotalAvailable = 3, Reason = "reserved" });

        var seenAnonymously = await anonymous.WaitForAsync($"stock:{sku}");
        var seenSignedIn = await signedIn.WaitForAsync($"stock:{sku}");
        seenAnonymously.Data.GetProperty("status").GetString().Should().Be("low");
        seenAnonymously.Data.TryGetProperty("available", out _).Should().BeFalse("anonymous shoppers get no exact count below the threshold");
        seenSignedIn.Data.GetProperty("available").GetInt64().Should().Be(3);

        await host.PublishAsync(new StockChanged { Sku = sku, Location = "main", OnHand = 40, Available = 40, TotalAvailable = 40, Reason = "adjusted" });
        var plenty = await anonymous.WaitForAsync($"stock:{sku}", m => m.Data.GetProperty("status").GetString() == "available");
        plenty.Data.GetProperty("available").GetInt64().Should().Be(40);
    }

    [Fact]
    public async Task Two_replicas_both_deliver_a_flash_sale_broadcast()
    {
        await using var onA = await host.Anonymous().StartAsync();
        await using var onB = await host.Anonymous(host.ReplicaB).StartAsync();
        await onA.SubscribeAsync("flash-sales");
        await onB.SubscribeAsync("flash-sales");
        var sale = Guid.CreateVersion7();

        await host.PublishAsync(new FlashSaleStarted
        {
            FlashSaleId = sale,
            Name = "Midnight run",
            ProductIds = [Guid.CreateVersion7()],
            VariantIds = [],
            PercentOff = 30,
            StartsAt = host.Clock.GetUtcNow(),
            EndsAt = host.Clock.GetUtcNow().AddHours(1),
        });

        bool ThisSale(notifications::SpaceOfSport.Notifications.Realtime.ChannelMessage m) => m.Data.GetProperty("flashSaleId").GetGuid() == sale;
        var a = await onA.WaitForAsync("flash-sales", ThisSale);
        var b = await onB.WaitForAsync("flash-sales", ThisSale);
        a.Type.Should().Be("flash-sale-started");
        b.Sequence.Should().Be(a.Sequence);
        b.Id.Should().Be(a.Id);
    }

    [Fact]
    public async Task A_flash_sale_counts_down_live_and_says_sold_out_anonymous_shoppers_get_no_count_below_the_threshold()
    {
        await using var anonymous = await host.Anonymous().StartAsync();
        await using var signedIn = await host.ClientOf(Guid.CreateVersion7(), host.ReplicaB).StartAsync();
        await anonymous.SubscribeAsync("flash-sales");
        await signedIn.SubscribeAsync("flash-sales");
        var sale = Guid.CreateVersion7();
        var at = host.Clock.GetUtcNow();
        Func<notifications::SpaceOfSport.Notifications.Realtime.ChannelMessage, bool> Left(long units) => m =>
            m.Data.GetProperty("flashSaleId").GetGuid() == sale && m.Data.GetProperty("asOf").GetDateTimeOffset() == at.AddSeconds(units);
        Task AnnounceAsync(long units) => host.PublishAsync(new FlashSaleStockChanged { FlashSaleId = sale, RemainingUnits = units, AsOf = at.AddSeconds(units) });

        await AnnounceAsync(12);
        var plentyAnonymously = await anonymous.WaitForAsync("flash-sales", Left(12));
        var plenty = await signedIn.WaitForAsync("flash-sales", Left(12));
        await AnnounceAsync(3);
        var fewAnonymously = await anonymous.WaitForAsync("flash-sales", Left(3));
        var few = await signedIn.WaitForAsync("flash-sales", Left(3));
        await AnnounceAsync(0);
        var goneAnonymously = await anonymous.WaitForAsync("flash-sales", Left(0));
        var gone = await signedIn.WaitForAsync("flash-sales", Left(0));

        plenty.Type.Should().Be("flash-sale-stock-changed");
        plenty.Data.GetProperty("remaining").GetInt64().Should().Be(12);
        plentyAnonymously.Data.GetProperty("remaining").GetInt64().Should().Be(12, "from the threshold up the count is public");
        few.Data.GetProperty("remaining").GetInt64().Should().Be(3);
        few.Data.GetProperty("status").GetString().Should().Be("low");
        fewAnonymously.Data.GetProperty("status").GetString().Should().Be("low");
        fewAnonymously.Data.TryGetProperty("remaining", out _).Should().BeFalse("a one-SKU sale's count is that SKU's exact stock");
        gone.Type.Should().Be("flash-sale-sold-out");
        goneAnonymously.Type.Should().Be("flash-sale-sold-out");
        gone.Data.GetProperty("status").GetString().Should().Be("out");
        gone.Sequence.Should().Be(goneAnonymously.Sequence, "both replicas number the channel alike");
    }

    [Fact]
    public async Task A_client_that_reconnects_gets_what_it_missed_or_is_told_to_resync()
    {
        var user = Guid.CreateVersion7();
        var channel = $"cart:{user}";
        long lastSeen;
        await using (var tab = await host.ClientOf(user).StartAsync())
        {
            await tab.SubscribeAsync(channel);
            await host.PublishAsync(new CartChanged { CartId = "c", UserId = user, Version = 1, LineCount = 1, TotalQuantity = 1 });
            lastSeen = (await tab.WaitForAsync(channel)).Sequence;
        }

        // Offline: two changes happen. The tab comes back on the other replica.
        await host.PublishAsync(new CartChanged { CartId = "c", UserId = user, Version = 2, LineCount = 1, TotalQuantity = 2 });
        await host.PublishAsync(new CartChanged { CartId = "c", UserId = user, Version = 3, LineCount = 1, TotalQuantity = 3 });
        await using var back = await host.ClientOf(user, host.ReplicaB).StartAsync();
        var resumed = await TestSupport.Eventually.ReturnsAsync(() => back.SubscribeAsync(channel, lastSeen), r => r.Sequence == lastSeen + 2);

        resumed.Resync.Should().BeFalse();
        // Pub/sub does not order two separate publishes, so the hub may have kept them either way; a client orders a
        // cart by its version.
        resumed.Missed.Select(m => m.Data.GetProperty("version").GetInt64()).Should().BeEquivalentTo([2L, 3L]);

        // Further behind than the channel keeps: the client must read the cart again.
        for (var version = 4; version < 4 + HubHost.RecentMessages + 1; version++)
            await host.PublishAsync(new CartChanged { CartId = "c", UserId = user, Version = version, LineCount = 1, TotalQuantity = version });
        var tooFar = await TestSupport.Eventually.ReturnsAsync(() => back.SubscribeAsync(channel, lastSeen), r => r.Sequence == lastSeen + 2 + HubHost.RecentMessages + 1);
        tooFar.Resync.Should().BeTrue();
        tooFar.Missed.Should().BeEmpty();
    }

    [Fact]
    public async Task Subscribing_without_a_sequence_answers_the_channels_latest_message()
    {
        var sku = $"SKU-NOW-{Guid.NewGuid():N}"[..20];
        await host.PublishAsync(new BackInStock { Sku = sku, TotalAvailable = 25 });
        await using var shopper = await host.Anonymous().StartAsync();

        var now = await TestSupport.Eventually.ReturnsAsync(() => shopper.SubscribeAsync($"stock:{sku}"), r => r.Latest is not null);

        now.Latest!.Type.Should().Be("back-in-stock");
        now.Latest.Data.GetProperty("status").GetString().Should().Be("available");
    }
}
