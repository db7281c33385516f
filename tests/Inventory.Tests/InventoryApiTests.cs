using Grpc.Core;
using SpaceOfSport.Contracts.Inventory.V1;
using SpaceOfSport.Inventory.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Inventory.Tests;

/// <summary>
/// The gRPC API over real HTTP/2 on both providers. Statuses follow https://grpc.io/docs/guides/status-codes/;
/// the cron sweep follows https://docs.dapr.io/reference/components-reference/supported-bindings/cron/.
/// </summary>
public sealed class InventoryApiTests(InventoryHosts hosts) : IClassFixture<InventoryHosts>
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Availability_sums_locations_and_subtracts_reserved(string provider)
    {
        var client = hosts[provider].Client;
        var sku = await client.StockedSkuAsync(7, "berlin");
        await client.AdjustAsync(new AdjustRequest { Sku = sku, Location = "lyon", Delta = 3, Reason = "received" });
        await client.ReserveAsync(InventoryCalls.NewReservationId(), null, (sku, 4));

        var availability = await client.AvailabilityAsync(sku);

        availability.OnHand.Should().Be(10);
        availability.Reserved.Should().Be(4);
        availability.Available.Should().Be(6);
        availability.Locations.Select(l => l.Location).Should().Equal("berlin", "lyon");
        availability.Locations.Single(l => l.Location == "berlin").Reserved.Should().Be(4, "a line is held at the location with the most available");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Commit_takes_units_off_hand_and_release_returns_them(string provider)
    {
        var client = hosts[provider].Client;
        var sku = await client.StockedSkuAsync(10);
        var committed = InventoryCalls.NewReservationId();
        var released = InventoryCalls.NewReservationId();
        (await client.ReserveAsync(committed, null, (sku, 3))).Status.Should().Be(ReservationStatus.Pending);
        await client.ReserveAsync(released, null, (sku, 2));

        (await client.CommitAsync(new CommitRequest { ReservationId = committed })).Reservation.Status.Should().Be(ReservationStatus.Committed);
        (await client.ReleaseAsync(new ReleaseRequest { ReservationId = released })).Reservation.Status.Should().Be(ReservationStatus.Released);

        var availability = await client.AvailabilityAsync(sku);
        (availability.OnHand, availability.Reserved, availability.Available).Should().Be((7L, 0L, 7L));

        (await client.CommitAsync(new CommitRequest { ReservationId = committed })).Reservation.Status
            .Should().Be(ReservationStatus.Committed, "committing twice answers the same");
        var releaseCommitted = () => client.ReleaseAsync(new ReleaseRequest { ReservationId = committed }).ResponseAsync;
        (await releaseCommitted.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        var commitReleased = () => client.CommitAsync(new CommitRequest { ReservationId = released }).ResponseAsync;
        (await commitReleased.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reserve_is_all_lines_or_none_and_names_every_short_sku(string provider)
    {
        var client = hosts[provider].Client;
        var plenty = await client.StockedSkuAsync(10);
        var shortA = await client.StockedSkuAsync(1);
        var shortB = await client.StockedSkuAsync(2);

        var reserve = () => client.ReserveAsync(InventoryCalls.NewReservationId(), null, (plenty, 5), (shortA, 2), (shortB, 3));

        var refused = (await reserve.Should().ThrowAsync<RpcException>()).Which;
        refused.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        refused.Status.Detail.Should().Contain(shortA).And.Contain(shortB).And.NotContain(plenty);
        refused.Trailers.GetValue("short-skus")!.Split(',').Should().BeEquivalentTo([shortA, shortB]);
        (await client.AvailabilityAsync(plenty)).Reserved.Should().Be(0, "no line is held when one falls short");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reserve_is_idempotent_by_reservation_id(string provider)
    {
        var client = hosts[provider].Client;
        var sku = await client.StockedSkuAsync(10);
        var id = InventoryCalls.NewReservationId();

        var first = await client.ReserveAsync(id, null, (sku, 4));
        var again = await client.ReserveAsync(id, null, (sku, 4));

        again.Should().BeEquivalentTo(first);
        (await client.AvailabilityAsync(sku)).Reserved.Should().Be(4, "the repeat holds nothing more");
        var different = () => client.ReserveAsync(id, null, (sku, 5));
        (await different.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.AlreadyExists);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Bad_input_gets_the_status_that_fits_naming_the_field(string provider)
    {
        var client = hosts[provider].Client;
        var sku = await client.StockedSkuAsync(5);
        var unknown = InventoryCalls.NewSku();

        await ExpectAsync(client.ReserveAsync(InventoryCalls.NewReservationId(), null, (sku, 0)), StatusCode.InvalidArgument, "lines[0].quantity");
        await ExpectAsync(client.ReserveAsync(InventoryCalls.NewReservationId(), null, (sku, 1), (unknown, -1)), StatusCode.InvalidArgument, "lines[1].quantity");
        await ExpectAsync(client.ReserveAsync("", null, (sku, 1)), StatusCode.InvalidArgument, "reservation_id");
        await ExpectAsync(client.ReserveAsync(InventoryCalls.NewReservationId(), null), StatusCode.InvalidArgument, "lines");
        await ExpectAsync(client.ReserveAsync(InventoryCalls.NewReservationId(), TimeSpan.FromSeconds(-1), (sku, 1)), StatusCode.InvalidArgument, "ttl");
        await ExpectAsync(client.ReserveAsync(InventoryCalls.NewReservationId(), null, (unknown, 1)), StatusCode.NotFound, unknown);
        await ExpectAsync(client.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { sku, unknown } }).ResponseAsync, StatusCode.NotFound, unknown);
        await ExpectAsync(client.CommitAsync(new CommitRequest { ReservationId = "nope" }).ResponseAsync, StatusCode.NotFound, "nope");
        await ExpectAsync(client.AdjustAsync(new AdjustRequest { Sku = sku, Location = "main", Delta = 0, Reason = "x" }).ResponseAsync, StatusCode.InvalidArgument, "delta");
        await ExpectAsync(client.AdjustAsync(new AdjustRequest { Sku = sku, Location = "main", Delta = 1 }).ResponseAsync, StatusCode.InvalidArgument, "reason");
        await ExpectAsync(client.AdjustAsync(new AdjustRequest { Sku = sku, Location = "main", Delta = -6, Reason = "lost" }).ResponseAsync, StatusCode.FailedPrecondition, sku);
        await ExpectAsync(client.ListReservationsAsync(new ListReservationsRequest { PageToken = "%%%" }).ResponseAsync, StatusCode.InvalidArgument, "page_token");
        (await client.AvailabilityAsync(sku)).OnHand.Should().Be(5, "no refused call changed anything");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Expired_reservations_are_swept_on_the_cron_binding_and_units_come_back(string provider)
    {
        var client = hosts[provider].Client;
        var sku = await client.StockedSkuAsync(5);
        var id = InventoryCalls.NewReservationId();
        await client.ReserveAsync(id, TimeSpan.FromSeconds(1), (sku, 5));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await client.AvailabilityAsync(sku)).Available < 5 && DateTime.UtcNow < deadline) await Task.Delay(100);

        (await client.AvailabilityAsync(sku)).Reserved.Should().Be(0);
        var list = await client.ListReservationsAsync(new ListReservationsRequest { Status = ReservationStatus.Expired, PageSize = 500 });
        list.Reservations.Should().Contain(r => r.ReservationId == id);
        var commitExpired = () => client.CommitAsync(new CommitRequest { ReservationId = id }).ResponseAsync;
        (await commitExpired.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Stock_changes_publish_stock_changed_low_stock_and_back_in_stock(string provider)
    {
        var host = hosts[provider];
        var sku = await host.Client.StockedSkuAsync(8);
        var id = InventoryCalls.NewReservationId();

        await host.Client.ReserveAsync(id, null, (sku, 8));
        await host.Client.ReleaseAsync(new ReleaseRequest { ReservationId = id });

        bool Of(System.Text.Json.JsonElement data) => data.GetProperty("sku").GetString() == sku;
        var reserved = await host.Events.WaitForAsync("spaceofsport.inventory.stock-changed.v1", d => Of(d) && d.GetProperty("reason").GetString() == "reserved");
        reserved.Data.GetProperty("available").GetInt64().Should().Be(0);
        var low = await host.Events.WaitForAsync("spaceofsport.inventory.low-stock.v1", Of);
        low.Data.GetProperty("threshold").GetInt32().Should().Be(5);
        var back = await host.Events.WaitForAsync("spaceofsport.inventory.back-in-stock.v1", Of);
        back.Data.GetProperty("totalAvailable").GetInt64().Should().Be(8);
        Guid.TryParse(back.Id, out _).Should().BeTrue("the CloudEvent id is the event's id, for deduplication");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reservations_are_listed_newest_first_page_by_page(string provider)
    {
        var client = hosts[provider].Client;
        var sku = await client.StockedSkuAsync(10);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(InventoryCalls.NewReservationId());
            await client.ReserveAsync(ids[^1], null, (sku, 1));
        }

        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListReservationsAsync(new ListReservationsRequest { Status = ReservationStatus.Pending, PageSize = 2, PageToken = token });
            page.Reservations.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page.Reservations.Select(r => r.ReservationId));
            token = page.NextPageToken;
        }
        while (token != "" && !ids.All(seen.Contains));

        seen.Should().ContainInOrder(ids[2], ids[1], ids[0]);
        seen.Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Grpc_health_answers_serving(string provider)
    {
        var health = new global::Grpc.Health.V1.Health.HealthClient(hosts[provider].Service.CreateGrpcChannel());

        var response = await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest());

        response.Status.Should().Be(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Staff_methods_need_the_inventory_adjust_permission(string provider)
    {
        var host = hosts[provider];
        var adjust = new AdjustRequest { Sku = InventoryCalls.NewSku(), Location = "main", Delta = 5, Reason = "received" };
        var anonymous = host.ClientWithToken(null);
        var customer = host.ClientWithToken(host.Identity.IssueToken("customer-1"));

        var noToken = () => anonymous.AdjustAsync(adjust).ResponseAsync;
        (await noToken.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        var withoutPermission = () => customer.ListReservationsAsync(new ListReservationsRequest()).ResponseAsync;
        (await withoutPermission.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await host.Client.AdjustAsync(adjust)).Stock.OnHand.Should().Be(5);
        (await anonymous.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { adjust.Sku } })).Items.Single().Available
            .Should().Be(5, "availability needs no staff token");
    }

    private static async Task ExpectAsync<T>(Task<T> call, StatusCode status, string mentioned)
    {
        var act = () => call;
        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(status);
        error.Status.Detail.Should().Contain(mentioned);
    }
}
