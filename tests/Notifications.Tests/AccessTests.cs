using System.Net;
using Microsoft.AspNetCore.SignalR;
using SpaceOfSport.Contracts.Events.Cart;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Notifications.Tests.Infrastructure;

namespace SpaceOfSport.Notifications.Tests;

[Collection(HubCollection.Name)]
public sealed class AccessTests(HubHost host)
{
    [Fact]
    public async Task An_expired_or_forged_token_is_refused_not_taken_for_anonymous()
    {
        var user = Guid.CreateVersion7().ToString();
        var expired = host.Identity.IssueToken(user, lifetime: TimeSpan.FromMinutes(-5));
        var otherIssuer = host.Identity.IssueToken(user, issuer: "https://elsewhere.test");

        foreach (var token in new[] { expired, otherIssuer, "not.a.token" })
        {
            await using var client = host.Client(host.ReplicaA.Address, token);
            var refused = await client.Invoking(c => c.StartAsync()).Should().ThrowAsync<Exception>();
            refused.Which.ToString().Should().Contain("401");
        }
    }

    [Fact]
    public async Task A_page_from_another_origin_is_refused()
    {
        await using var client = host.Client(host.ReplicaA.Address, host.TokenFor(Guid.CreateVersion7()), origin: "https://evil.test");

        var refused = await client.Invoking(c => c.StartAsync()).Should().ThrowAsync<Exception>();

        refused.Which.ToString().Should().Contain("403");
    }

    [Fact]
    public async Task A_one_time_ticket_opens_the_hub_once()
    {
        var user = Guid.CreateVersion7();
        using var api = host.ApiFor(user);
        using var issued = await api.PostAsync("/api/tickets", null);
        issued.StatusCode.Should().Be(HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        var ticket = (await issued.Content.ReadFromJsonAsync<TicketAnswer>())!;

        await using (var tab = await host.Client(host.ReplicaB.Address, ticket.Ticket).StartAsync())
            (await tab.SubscribeAsync($"cart:{user}")).Channel.Should().Be($"cart:{user}");

        await using var replay = host.Client(host.ReplicaA.Address, ticket.Ticket);
        var refused = await replay.Invoking(c => c.StartAsync()).Should().ThrowAsync<Exception>();
        refused.Which.ToString().Should().Contain("401");
        ticket.ExpiresIn.Should().BeInRange(1, 60);
    }

    [Fact]
    public async Task A_ticket_needs_a_signed_in_caller()
    {
        using var anonymous = host.ReplicaA.CreateHttpClient();

        using var answer = await anonymous.PostAsync("/api/tickets", null);

        answer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task When_the_token_expires_personal_channels_end_and_public_ones_turn_anonymous()
    {
        var user = Guid.CreateVersion7();
        var sku = $"SKU-EXP-{Guid.NewGuid():N}"[..20];
        await using var tab = await host.Client(host.ReplicaA.Address, host.TokenFor(user, TimeSpan.FromMinutes(5))).StartAsync();
        await tab.SubscribeAsync($"cart:{user}");
        await tab.SubscribeAsync($"stock:{sku}");

        host.Clock.Advance(TimeSpan.FromMinutes(6));

        await TestSupport.Eventually.UntilAsync(() => tab.ClosedChannels.Any(c => c.Channel == $"cart:{user}" && c.Reason == "token-expired"), "the cart channel closed");
        var refused = await tab.Invoking(c => c.SubscribeAsync($"cart:{user}")).Should().ThrowAsync<HubException>();
        refused.Which.Message.Should().Contain("not-found");
        await host.PublishAsync(new CartChanged { CartId = "c", UserId = user, Version = 1, LineCount = 1, TotalQuantity = 1 });
        await host.PublishAsync(new StockChanged { Sku = sku, Location = "main", OnHand = 2, Available = 2, TotalAvailable = 2, Reason = "reserved" });
        var stock = await tab.WaitForAsync($"stock:{sku}");
        stock.Data.TryGetProperty("available", out _).Should().BeFalse("the connection sees what anonymous shoppers see");
        tab.Received.Should().NotContain(m => m.Channel == $"cart:{user}");
    }

    [Fact]
    public async Task A_connection_that_listens_to_nothing_is_closed_when_idle()
    {
        await using var idle = await host.Anonymous().StartAsync();
        await using var listening = await host.Anonymous().StartAsync();
        await listening.SubscribeAsync("flash-sales");

        host.Clock.Advance(HubHost.IdleTimeout + TimeSpan.FromMinutes(1));

        (await idle.Ended.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeNull("the hub closed it");
        listening.Ended.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task A_connection_is_held_to_its_rate_and_subscription_limits()
    {
        await using var busy = await host.Anonymous().StartAsync();
        var outcomes = new List<string>();
        for (var i = 0; i < HubHost.MessagesPerSecond + 5; i++)
        {
            try
            {
                await busy.Connection.InvokeCoreAsync("Unsubscribe", typeof(object), ["flash-sales"]);
                outcomes.Add("ok");
            }
            catch (HubException exception)
            {
                outcomes.Add(exception.Message.Contains("rate-limited:") ? "rate-limited" : exception.Message);
            }
        }

        outcomes.Count(o => o == "ok").Should().Be(HubHost.MessagesPerSecond, "the test clock stands still: one second's budget");
        outcomes.Skip(HubHost.MessagesPerSecond).Should().OnlyContain(o => o == "rate-limited");

        await using var greedy = await host.Anonymous().StartAsync();
        for (var i = 0; i < HubHost.MaxSubscriptions; i++) await greedy.SubscribeAsync($"stock:SKU-MANY-{i}");
        var refused = await greedy.Invoking(c => c.SubscribeAsync("stock:SKU-ONE-TOO-MANY")).Should().ThrowAsync<HubException>();
        refused.Which.Message.Should().Contain("too-many-subscriptions:");
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_the_connection()
    {
        await using var client = await host.Anonymous().StartAsync();

        await client.Invoking(c => c.SubscribeAsync(new string('x', 5000))).Should().ThrowAsync<Exception>();

        await client.Ended.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Through_the_gateway_a_signed_in_tab_gets_its_cart_and_the_token_is_never_logged()
    {
        var user = Guid.CreateVersion7();
        var token = host.TokenFor(user);
        await using var tab = await host.Client(host.GatewayAddress, token).StartAsync();
        await tab.SubscribeAsync($"cart:{user}");

        await host.PublishAsync(new CartChanged { CartId = "gw", UserId = user, Version = 4, LineCount = 1, TotalQuantity = 1 });

        (await tab.WaitForAsync($"cart:{user}")).Data.GetProperty("version").GetInt64().Should().Be(4);
        host.Logs.Entries.Should().NotBeEmpty("every level is captured");
        var signature = token.Split('.')[2];
        host.Logs.Entries.Should().NotContain(e => e.Message.Contains(signature) || (e.Exception != null && e.Exception.ToString().Contains(signature)));
    }

    [Fact]
    public async Task Through_the_gateway_tickets_and_alerts_are_under_api_notifications()
    {
        var user = Guid.CreateVersion7();
        using var gateway = new HttpClient { BaseAddress = host.GatewayAddress };
        gateway.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.TokenFor(user));

        using var issued = await gateway.PostAsync("/api/notifications/tickets", null);
        issued.StatusCode.Should().Be(HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        var ticket = (await issued.Content.ReadFromJsonAsync<TicketAnswer>())!;
        await using var tab = await host.Client(host.GatewayAddress, ticket.Ticket).StartAsync();
        (await tab.SubscribeAsync($"notifications:{user}")).Channel.Should().Be($"notifications:{user}");

        using var created = await gateway.PostAsJsonAsync("/api/notifications/alerts", new { sku = "SKU-GW-1" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private sealed record TicketAnswer(string Ticket, int ExpiresIn);
}
