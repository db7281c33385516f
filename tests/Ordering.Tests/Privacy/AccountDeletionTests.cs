extern alias ordering;
using System.Text.Json;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Ordering.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using Order = ordering::SpaceOfSport.Ordering.Orders.Order;
using OrderStatus = ordering::SpaceOfSport.Ordering.Orders.OrderStatus;

namespace SpaceOfSport.Ordering.Tests.Privacy;

/// <summary>
/// Identity's user-deleted event, published on the pub/sub: the user's orders stay (amounts, status, country, user id)
/// with their personal data gone, once however often the event comes, including an order saved after the deletion.
/// </summary>
public sealed class AccountDeletionTests(SeededOrdersFixture fixture) : IClassFixture<SeededOrdersFixture>
{
    private SeededOrdersHost Host => fixture.Host;

    [Fact]
    public async Task A_deleted_users_orders_keep_amounts_status_and_country_and_lose_email_and_postal_code()
    {
        var user = Guid.CreateVersion7();
        var delivered = await Host.SeedOrderAsync(OrderStatus.Delivered, user);
        var cancelled = await Host.SeedOrderAsync(OrderStatus.Cancelled, user);
        var someoneElses = await Host.SeedOrderAsync(OrderStatus.Delivered);
        using var staff = Host.Staff();

        await PublishAsync(new UserDeleted { UserId = user });

        await Eventually.UntilAsync(async () => (await OrderAsync(staff, delivered)).GetProperty("email").GetString() == "deleted", "the delivered order anonymised");
        foreach (var order in new[] { delivered, cancelled })
        {
            var kept = await OrderAsync(staff, order);
            kept.GetProperty("email").GetString().Should().Be("deleted");
            kept.GetProperty("shipping").GetProperty("postalCode").ValueKind.Should().Be(JsonValueKind.Null);
            kept.GetProperty("shipping").GetProperty("country").GetString().Should().Be(order.Country);
            kept.GetProperty("totals").GetProperty("totalMinor").GetInt64().Should().Be(order.TotalMinor);
            kept.GetProperty("status").GetString().Should().Be(order.Status.ToString());
            kept.GetProperty("lines").GetArrayLength().Should().Be(order.Lines.Count);
        }
        (await Host.QueryAsync(db => Task.FromResult(db.Orders.Single(o => o.Id == delivered.Id).UserId))).Should().Be(user);
        (await OrderAsync(staff, someoneElses)).GetProperty("email").GetString().Should().Be(someoneElses.Email);
    }

    [Fact]
    public async Task The_same_event_again_changes_nothing_and_an_order_saved_after_the_deletion_is_anonymised_too()
    {
        var user = Guid.CreateVersion7();
        var first = await Host.SeedOrderAsync(OrderStatus.Delivered, user);
        var deleted = new UserDeleted { UserId = user };
        using var staff = Host.Staff();
        await PublishAsync(deleted);
        await Eventually.UntilAsync(async () => (await OrderAsync(staff, first)).GetProperty("email").GetString() == "deleted", "the first order anonymised");
        var version = (await OrderAsync(staff, first)).GetProperty("version").GetInt64();

        var late = await Host.SeedOrderAsync(OrderStatus.Paid, user);
        (await OrderAsync(staff, late)).GetProperty("email").GetString().Should().Be("deleted");

        await PublishAsync(deleted);
        await Task.Delay(500);
        (await OrderAsync(staff, first)).GetProperty("version").GetInt64().Should().Be(version);
    }

    private async Task PublishAsync(UserDeleted deleted)
    {
        using var dapr = Host.Service.CreateDaprClient();
        await dapr.PublishIntegrationEventAsync(deleted, CancellationToken.None);
    }

    private static async Task<JsonElement> OrderAsync(HttpClient staff, Order order) =>
        await staff.GetFromJsonAsync<JsonElement>($"/api/orders/{order.Id}");
}
