using System.Net;
using System.Text.Json;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Notifications.Tests.Infrastructure;

namespace SpaceOfSport.Notifications.Tests;

[Collection(HubCollection.Name)]
public sealed class AlertTests(HubHost host)
{
    [Fact]
    public async Task A_back_in_stock_alert_reaches_the_user_on_every_replica_once_and_is_marked_sent()
    {
        var user = Guid.CreateVersion7();
        var sku = $"SKU-ALERT-{Guid.NewGuid():N}"[..22];
        using var api = host.ApiFor(user);
        using var created = await api.PostAsJsonAsync("/api/alerts", new { sku });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        await using var phone = await host.ClientOf(user).StartAsync();
        await using var laptop = await host.ClientOf(user, host.ReplicaB).StartAsync();
        await phone.SubscribeAsync($"notifications:{user}");
        await laptop.SubscribeAsync($"notifications:{user}");

        var back = new BackInStock { Sku = sku, TotalAvailable = 12 };
        await host.PublishAsync(back);

        var onPhone = await phone.WaitForAsync($"notifications:{user}");
        var onLaptop = await laptop.WaitForAsync($"notifications:{user}");
        onPhone.Type.Should().Be("back-in-stock");
        onPhone.Data.GetProperty("sku").GetString().Should().Be(sku);
        onLaptop.Sequence.Should().Be(onPhone.Sequence);
        var alerts = await TestSupport.Eventually.ReturnsAsync(() => api.GetFromJsonAsync<JsonElement>("/api/alerts"),
            list => list.EnumerateArray().Any(a => a.GetProperty("sku").GetString() == sku && a.GetProperty("notifiedAt").ValueKind == JsonValueKind.String));
        alerts.GetArrayLength().Should().Be(1);

        // Sent once: the SKU selling out and coming back again tells nobody who did not ask again.
        await host.PublishAsync(new BackInStock { Sku = sku, TotalAvailable = 3 });
        await host.PublishAsync(new StockChanged { Sku = sku, Location = "main", OnHand = 3, Available = 3, TotalAvailable = 3, Reason = "adjusted" });
        await using var watcher = await host.Anonymous().StartAsync();
        await TestSupport.Eventually.ReturnsAsync(() => watcher.SubscribeAsync($"stock:{sku}"), r => r.Latest?.Type == "stock-changed");
        phone.Received.Should().ContainSingle(m => m.Channel == $"notifications:{user}");
    }

    [Fact]
    public async Task Alerts_are_listed_asked_for_once_and_deleted()
    {
        using var api = host.ApiFor(Guid.CreateVersion7());

        using var first = await api.PostAsJsonAsync("/api/alerts", new { sku = "SKU-LIST-1" });
        using var again = await api.PostAsJsonAsync("/api/alerts", new { sku = "SKU-LIST-1" });
        var listed = await api.GetFromJsonAsync<JsonElement>("/api/alerts");
        using var deleted = await api.DeleteAsync("/api/alerts/SKU-LIST-1");
        using var deletedAgain = await api.DeleteAsync("/api/alerts/SKU-LIST-1");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.OK, "already waiting for it");
        listed.EnumerateArray().Select(a => a.GetProperty("sku").GetString()).Should().Equal("SKU-LIST-1");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        deletedAgain.StatusCode.Should().Be(HttpStatusCode.NotFound);
        deletedAgain.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await api.GetFromJsonAsync<JsonElement>("/api/alerts")).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_bad_sku_is_a_field_level_problem_and_alerts_need_a_signed_in_user()
    {
        using var api = host.ApiFor(Guid.CreateVersion7());
        using var anonymous = host.ReplicaA.CreateHttpClient();

        using var bad = await api.PostAsJsonAsync("/api/alerts", new { sku = "no spaces allowed" });
        using var missing = await api.PostAsJsonAsync("/api/alerts", new { });
        using var signedOut = await anonymous.GetAsync("/api/alerts");

        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sku", out _).Should().BeTrue();
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        signedOut.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
